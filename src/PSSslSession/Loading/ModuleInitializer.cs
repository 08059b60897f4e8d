using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Runs when PowerShell imports the module: store writes still waiting at exit get a last chance
    /// (<see cref="StoreBacklogAtExit"/>), and on Windows PowerShell 5.1 it answers assembly-resolve
    /// requests for dependencies the module ships (no binding redirects exist for modules there).
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;
        private static int _registered;

        /// <summary>Called by PowerShell on Import-Module.</summary>
        public void OnImport()
        {
            StoreBacklogAtExit.Register();
            if (!ModuleDependencyResolver.IsNeeded) return;
            if (System.Threading.Interlocked.Exchange(ref _registered, 1) == 1) return;
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        private static Assembly? Resolve(object sender, ResolveEventArgs args) =>
            ModuleDependencyResolver.Resolve(ModuleDirectory, args.Name, Assembly.LoadFrom);
    }
}
