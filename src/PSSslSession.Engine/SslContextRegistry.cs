using System;
using System.Collections.Generic;

namespace PSSslSession.Engine
{
    /// <summary>
    /// Contexts by name (unique, case-insensitive). One process-wide registry lets every thread of a process
    /// share a context. Thread-safe. A context closed directly (not through
    /// <see cref="Remove"/>) is treated as gone: lookups skip it and its name can be registered again.
    /// </summary>
    public sealed class SslContextRegistry
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, SslContext> _contexts = new Dictionary<string, SslContext>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The process-wide registry.</summary>
        public static SslContextRegistry Default { get; } = new SslContextRegistry();

        /// <summary>Registers a context; a name in use → <see cref="SslContextException"/> NameInUse; a closed context → ContextClosed.</summary>
        public void Register(SslContext context)
        {
            if (context == null) throw new ArgumentNullException(nameof(context));
            if (context.IsClosed) throw new SslContextException(SslContextError.ContextClosed, $"The SSL context '{context.Name}' was closed and cannot be registered.");
            lock (_gate)
            {
                if (_contexts.TryGetValue(context.Name, out var existing) && !existing.IsClosed)
                    throw new SslContextException(SslContextError.NameInUse, $"An SSL context named '{existing.Name}' already exists.");
                _contexts[context.Name] = context;
            }
        }

        /// <summary>The context with that name, or <see cref="SslContextException"/> ContextNotFound.</summary>
        public SslContext Get(string name)
        {
            if (TryGet(name, out var context)) return context!;
            throw new SslContextException(SslContextError.ContextNotFound, $"No SSL context named '{name}' exists.");
        }

        /// <summary>The context with that name (case-insensitive), if registered and open.</summary>
        public bool TryGet(string name, out SslContext? context)
        {
            context = null;
            if (name == null) return false;
            lock (_gate)
            {
                if (_contexts.TryGetValue(name, out var found) && !found.IsClosed) context = found;
            }
            return context != null;
        }

        /// <summary>The open registered contexts, sorted by name (a snapshot).</summary>
        public IReadOnlyList<SslContext> Contexts
        {
            get
            {
                var result = new List<SslContext>();
                lock (_gate)
                {
                    foreach (var c in _contexts.Values)
                        if (!c.IsClosed) result.Add(c);
                }
                result.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name));
                return result;
            }
        }

        /// <summary>
        /// Closes (<c>SSL_CTX_free</c>: flush, remove callbacks fire) and unregisters. A context that is not registered
        /// here → <see cref="SslContextException"/> ContextNotFound.
        /// </summary>
        public FlushResult Remove(SslContext context)
        {
            if (context == null) throw new ArgumentNullException(nameof(context));
            lock (_gate)
            {
                if (!_contexts.TryGetValue(context.Name, out var found) || !ReferenceEquals(found, context))
                    throw context.IsClosed
                        ? new SslContextException(SslContextError.ContextClosed, $"The SSL context '{context.Name}' was already removed.")
                        : new SslContextException(SslContextError.ContextNotFound, $"The SSL context '{context.Name}' is not registered.");
                _contexts.Remove(context.Name);
            }
            // Outside the registry lock: remove callbacks may use the registry.
            return context.Close();
        }

        /// <summary>Names of the open registered contexts, sorted.</summary>
        public IReadOnlyList<string> Names
        {
            get
            {
                var names = new List<string>();
                foreach (var c in Contexts) names.Add(c.Name);
                return names;
            }
        }
    }
}
