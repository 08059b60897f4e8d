using System;
using System.IO;
using System.Reflection;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Finds the module's own copy of a dependency for an assembly-resolve request. Windows PowerShell 5.1
    /// (.NET Framework) applies no binding redirects to modules, so when two of our dependencies reference
    /// different versions of, say, System.Memory, the load fails unless the module answers with the copy it
    /// ships. The Redis client and the TLS client live with their dependencies in the module's <see cref="RedisFolder"/> and
    /// <see cref="TlsFolder"/> subfolders (kept apart for PowerShell 7's isolated load contexts, see
    /// <see cref="ModuleInitializer"/>); on 5.1 this resolver answers from there too, after the module's own folder.
    /// PowerShell 7 does not use this resolver.
    /// </summary>
    internal static class ModuleDependencyResolver
    {
        /// <summary>The module subfolder of the Redis client (PSSslSession.Stores.Redis, StackExchange.Redis and its dependencies).</summary>
        public const string RedisFolder = "redis";

        /// <summary>The module subfolder of the TLS client (PSSslSession.Client.BouncyCastle, BouncyCastle.Cryptography).</summary>
        public const string TlsFolder = "tls";

        /// <summary>The isolated subfolders, in the order they are searched.</summary>
        public static readonly string[] IsolatedFolders = { RedisFolder, TlsFolder };

        /// <summary>True on .NET Framework (Windows PowerShell), where the resolver is needed.</summary>
        public static bool IsNeeded => IsNeededOn(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);

        /// <summary>Whether a runtime that describes itself so (RuntimeInformation.FrameworkDescription) needs the resolver.</summary>
        public static bool IsNeededOn(string frameworkDescription) =>
            frameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        /// <summary>
        /// The AssemblyResolve answer on Windows PowerShell: the module's copy of <paramref name="requestedAssembly"/>,
        /// loaded with <paramref name="load"/> (Assembly.LoadFrom there), or null when the module does not ship it.
        /// </summary>
        public static Assembly? Resolve(string moduleDirectory, string requestedAssembly, Func<string, Assembly> load)
        {
            var path = FindInModule(moduleDirectory, requestedAssembly);
            return path == null ? null : load(path);
        }

        /// <summary>
        /// The path of <paramref name="requestedAssembly"/>'s simple name as a .dll in <paramref name="moduleDirectory"/>, else
        /// in its isolated subfolders (<see cref="IsolatedFolders"/>), or null when the module does not ship it (then the request is not ours to answer).
        /// </summary>
        public static string? FindInModule(string moduleDirectory, string requestedAssembly)
        {
            if (string.IsNullOrEmpty(moduleDirectory) || string.IsNullOrEmpty(requestedAssembly)) return null;
            string? simpleName;
            try { simpleName = new AssemblyName(requestedAssembly).Name; }
            catch (Exception e) when (e is ArgumentException || e is FileLoadException) { return null; }
            if (string.IsNullOrEmpty(simpleName) || simpleName!.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) return null;
            // Resources (satellite assemblies) are never shipped beside the module.
            if (simpleName.EndsWith(".resources", StringComparison.OrdinalIgnoreCase)) return null;
            var path = Path.Combine(moduleDirectory, simpleName + ".dll");
            if (File.Exists(path)) return path;
            foreach (var folder in IsolatedFolders)
            {
                path = Path.Combine(Path.Combine(moduleDirectory, folder), simpleName + ".dll");
                if (File.Exists(path)) return path;
            }
            return null;
        }
    }
}
