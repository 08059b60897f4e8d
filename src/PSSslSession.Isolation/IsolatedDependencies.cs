using System;
using System.IO;
using System.Runtime.Loader;
using System.Threading;

namespace PSSslSession.Isolation
{
    /// <summary>
    /// Makes the default context answer a request for an isolated module assembly (by name, from PSSslSession.Stores) with
    /// the copy in the isolated context; everything that assembly needs then resolves through <see cref="IsolatedLoadContext"/>.
    /// </summary>
    public static class IsolatedDependencies
    {
        private static IsolatedLoadContext? _context;

        /// <summary>The context, once installed (diagnostics and tests).</summary>
        public static AssemblyLoadContext? Context => _context;

        /// <summary>Installs the handler once; <paramref name="isolatedOwn"/> are the module assemblies kept in <paramref name="directory"/>.</summary>
        public static void Install(string directory, string[] isolatedOwn)
        {
            var context = new IsolatedLoadContext(directory, isolatedOwn);
            if (Interlocked.CompareExchange(ref _context, context, null) != null) return;
            AssemblyLoadContext.Default.Resolving += (_, name) =>
                Array.Exists(isolatedOwn, n => string.Equals(n, name.Name, StringComparison.OrdinalIgnoreCase)) && File.Exists(Path.Combine(directory, name.Name + ".dll"))
                    ? context.LoadFromAssemblyName(name)
                    : null;
        }
    }
}
