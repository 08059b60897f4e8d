using System.Management.Automation;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>The ErrorId (first part of the fully qualified id) and category of an ErrorRecord.</summary>
    internal readonly struct ErrorDescriptor
    {
        public ErrorDescriptor(string id, ErrorCategory category)
        {
            Id = id;
            Category = category;
        }

        /// <summary>Stable, non-localized PascalCase id; PowerShell appends ",PSSslSession.Commands.&lt;Class&gt;".</summary>
        public string Id { get; }

        public ErrorCategory Category { get; }

        public override string ToString() => $"{Id} ({Category})";
    }
}
