using System;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// What -Context takes: an <see cref="SslContext"/>, or the name of a registered one. PowerShell converts either to
    /// this; the name is looked up when the cmdlet runs, so an unknown name is the cmdlet's ContextNotFound error
    /// (ObjectNotFound) rather than a parameter-binding failure.
    /// </summary>
    public sealed class SslContextReference
    {
        private readonly SslContext? _context;

        /// <summary>A context given as an object.</summary>
        public SslContextReference(SslContext context)
        {
            _context = context ?? throw new ArgumentNullException(nameof(context));
            Name = context.Name;
        }

        /// <summary>A context given by name (case-insensitive).</summary>
        public SslContextReference(string name) { Name = name ?? throw new ArgumentNullException(nameof(name)); }

        /// <summary>The name given, or the context's name.</summary>
        public string Name { get; }

        /// <summary>True when the context was given by name.</summary>
        internal bool IsName => _context == null;

        /// <summary>The context: the object given, or the registered one of that name.</summary>
        internal bool TryResolve(out SslContext? context)
        {
            if (_context != null)
            {
                context = _context;
                return true;
            }
            return SslContextRegistry.Default.TryGet(Name, out context);
        }

        public override string ToString() => Name;
    }
}
