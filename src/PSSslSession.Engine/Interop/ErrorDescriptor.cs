namespace PSSslSession.Engine.Interop
{
    /// <summary>The ErrorId (first part of the fully qualified id) and category of an ErrorRecord.</summary>
    public sealed class ErrorDescriptor
    {
        /// <summary>Pairs an id with its category.</summary>
        public ErrorDescriptor(string id, ErrorKind category)
        {
            Id = id;
            Category = category;
        }

        /// <summary>Stable, non-localized PascalCase id; the cmdlets append ",PSSslSession.Commands.&lt;Class&gt;".</summary>
        public string Id { get; }

        /// <summary>The ErrorCategory, by name.</summary>
        public ErrorKind Category { get; }

        public override string ToString() => $"{Id} ({Category})";
    }
}
