using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Runs when PowerShell imports the module: store writes still waiting at exit get a last chance
    /// (<see cref="StoreBacklogAtExit"/>), and the Redis client (PSSslSession.Stores.Redis with StackExchange.Redis and its
    /// System.* / Microsoft.Extensions.* dependencies, in the module's redis/ folder) and the TLS client
    /// (PSSslSession.Client.BouncyCastle with BouncyCastle.Cryptography, in tls/) are made loadable without meeting the
    /// versions PowerShell or other modules have loaded: on PowerShell 7 in an isolated AssemblyLoadContext
    /// (PSSslSession.Isolation.dll, net8.0, because this netstandard2.0 assembly cannot derive from AssemblyLoadContext); on
    /// Windows PowerShell 5.1, which has no load contexts and applies no binding redirects to modules, by answering
    /// assembly-resolve requests with the module's copies (<see cref="ModuleDependencyResolver"/>).
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        internal const string IsolationAssembly = "PSSslSession.Isolation";
        internal const string RedisClientAssembly = "PSSslSession.Stores.Redis";
        internal const string TlsClientAssembly = "PSSslSession.Client.BouncyCastle";

        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;
        private static int _registered;

        /// <summary>Called by PowerShell on Import-Module.</summary>
        public void OnImport()
        {
            StoreBacklogAtExit.Register();
            if (System.Threading.Interlocked.Exchange(ref _registered, 1) == 1) return;
            if (ModuleDependencyResolver.IsNeeded) AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            else InstallIsolation();
        }

        private static void InstallIsolation()
        {
            var loader = Path.Combine(ModuleDirectory, IsolationAssembly + ".dll");
            // A build without the layout (e.g. the bin folder of a test project) resolves from its deps.json instead.
            if (!File.Exists(loader)) return;
            var install = Assembly.LoadFrom(loader)
                .GetType("PSSslSession.Isolation.IsolatedDependencies", throwOnError: true)!
                .GetMethod("Install", BindingFlags.Public | BindingFlags.Static)!;
            // Load contexts "PSSslSession.Redis" and "PSSslSession.Tls".
            foreach (var (name, folder, own) in new[] { ("Redis", ModuleDependencyResolver.RedisFolder, RedisClientAssembly), ("Tls", ModuleDependencyResolver.TlsFolder, TlsClientAssembly) })
            {
                var directory = Path.Combine(ModuleDirectory, folder);
                if (Directory.Exists(directory)) install.Invoke(null, new object[] { name, directory, new[] { own } });
            }
        }

        private static Assembly? Resolve(object sender, ResolveEventArgs args) =>
            ModuleDependencyResolver.Resolve(ModuleDirectory, args.Name, Assembly.LoadFrom);
    }
}
