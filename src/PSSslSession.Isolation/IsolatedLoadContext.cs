using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace PSSslSession.Isolation
{
    /// <summary>
    /// Loads the assemblies of one folder (the module's redis/: PSSslSession.Stores.Redis, StackExchange.Redis and its
    /// dependencies; or tls/: PSSslSession.Client.BouncyCastle and BouncyCastle.Cryptography) apart from the default context, whatever versions of the same names the default context already holds
    /// (another module's Microsoft.Extensions.Logging.Abstractions, say). Two kinds of names are left to the default context:
    /// the module's own assemblies (<see cref="SharedPrefix"/>: the store implements the engine's interface and throws the
    /// store's exception, so those types must be the ones the cmdlets see), and what the runtime itself provides at the
    /// version asked or newer (System.Memory, System.IO.Pipelines, System.Threading.Channels, pwsh's
    /// Microsoft.Bcl.AsyncInterfaces…): a second copy of those would give Span, Memory or IAsyncEnumerable a second identity,
    /// and the framework's methods would no longer accept the client's arguments.
    /// </summary>
    public sealed class IsolatedLoadContext : AssemblyLoadContext
    {
        /// <summary>Assemblies whose simple name starts so are the module's and always shared (except the isolated ones).</summary>
        public const string SharedPrefix = "PSSslSession.";

        private readonly string _directory;
        private readonly HashSet<string> _isolatedOwn;
        // Read on the first load, not at Import-Module: most sessions never touch Redis.
        private readonly Lazy<Dictionary<string, string>> _platform = new Lazy<Dictionary<string, string>>(PlatformAssemblies);

        /// <summary>Creates the context <paramref name="name"/> over <paramref name="directory"/>; <paramref name="isolatedOwn"/> are module assemblies that live there.</summary>
        public IsolatedLoadContext(string name, string directory, IEnumerable<string> isolatedOwn) : base(name, isCollectible: false)
        {
            _directory = directory;
            _isolatedOwn = new HashSet<string>(isolatedOwn, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>The folder this context loads from.</summary>
        public string Directory => _directory;

        /// <summary>Where <paramref name="name"/> comes from: null = the default context, else the file loaded here.</summary>
        public string? Choose(AssemblyName name)
        {
            var simple = name.Name;
            if (string.IsNullOrEmpty(simple)) return null;
            if (simple.StartsWith(SharedPrefix, StringComparison.OrdinalIgnoreCase) && !_isolatedOwn.Contains(simple)) return null;
            if (_platform.Value.TryGetValue(simple, out var platformPath) && PlatformIsNewEnough(platformPath, name.Version)) return null;
            var path = Path.Combine(_directory, simple + ".dll");
            return File.Exists(path) ? path : null;
        }

        /// <inheritdoc />
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Choose(assemblyName);
            return path == null ? null : LoadFromAssemblyPath(path);
        }

        private static bool PlatformIsNewEnough(string path, Version? wanted)
        {
            if (wanted == null) return true;
            try
            {
                var have = AssemblyName.GetAssemblyName(path).Version;
                return have != null && have >= wanted;
            }
            catch (Exception e) when (e is IOException || e is BadImageFormatException)
            {
                return false;
            }
        }

        /// <summary>The runtime's and the host's own assemblies (TRUSTED_PLATFORM_ASSEMBLIES: the shared framework and, in pwsh, $PSHOME).</summary>
        private static Dictionary<string, string> PlatformAssemblies()
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
                foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                    result[Path.GetFileNameWithoutExtension(path)] = path;
            return result;
        }
    }
}
