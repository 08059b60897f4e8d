using System;
using System.Collections.Concurrent;
using System.IO;
using System.Runtime.Loader;

namespace PSSslSession.Isolation
{
    /// <summary>
    /// Makes the default context answer a request for an isolated module assembly (by name, from PSSslSession.Stores or
    /// PSSslSession.Client) with the copy in that folder's isolated context; everything that assembly needs then resolves
    /// through its <see cref="IsolatedLoadContext"/>. One context per folder (redis/, tls/), so the Redis client's and the TLS
    /// client's dependencies never meet each other either.
    /// </summary>
    public static class IsolatedDependencies
    {
        private static readonly ConcurrentDictionary<string, IsolatedLoadContext> Contexts =
            new ConcurrentDictionary<string, IsolatedLoadContext>(StringComparer.Ordinal);

        /// <summary>The context installed as <paramref name="name"/> (e.g. "Redis"), once installed (diagnostics and tests).</summary>
        public static AssemblyLoadContext? ContextOf(string name) => Contexts.TryGetValue(name, out var context) ? context : null;

        /// <summary>
        /// Installs the handler once per folder; <paramref name="isolatedOwn"/> are the module assemblies kept in
        /// <paramref name="directory"/>, and the context is named "PSSslSession." + <paramref name="name"/>.
        /// </summary>
        public static void Install(string name, string directory, string[] isolatedOwn)
        {
            var context = new IsolatedLoadContext("PSSslSession." + name, directory, isolatedOwn);
            if (!Contexts.TryAdd(name, context)) return;
            AssemblyLoadContext.Default.Resolving += (_, requested) =>
                Array.Exists(isolatedOwn, n => string.Equals(n, requested.Name, StringComparison.OrdinalIgnoreCase)) && File.Exists(Path.Combine(directory, requested.Name + ".dll"))
                    ? context.LoadFromAssemblyName(requested)
                    : null;
        }
    }
}
