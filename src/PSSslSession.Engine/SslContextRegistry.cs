using System;
using System.Collections.Generic;

namespace PSSslSession.Engine
{
    /// <summary>
    /// Contexts by name (unique, case-insensitive). The module keeps one process-wide registry so that
    /// several runspaces can share a context. TEMPORARY: surface only.
    /// </summary>
    public sealed class SslContextRegistry
    {
        public static SslContextRegistry Default { get; } = new SslContextRegistry();

        /// <summary>Registers a context; a name in use → <see cref="SslContextException"/> NameInUse.</summary>
        public void Register(SslContext context) => throw new NotImplementedException();
        /// <summary>The context with that name, or <see cref="SslContextException"/> ContextNotFound.</summary>
        public SslContext Get(string name) => throw new NotImplementedException();
        public bool TryGet(string name, out SslContext? context) => throw new NotImplementedException();
        /// <summary>Contexts whose name matches a wildcard pattern (* ? [a-z]); all when null or empty; sorted by name.</summary>
        public IReadOnlyList<SslContext> Find(string? pattern) => throw new NotImplementedException();
        /// <summary>Closes (flush, remove callbacks fire) and unregisters.</summary>
        public FlushResult Remove(SslContext context) => throw new NotImplementedException();
        public IReadOnlyList<string> Names => throw new NotImplementedException();
    }
}
