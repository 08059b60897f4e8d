using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace PSSslSession.Stores.Sqlite
{
    /// <summary>
    /// Makes SQLitePCLRaw's <c>[DllImport("e_sqlite3")]</c> find the native SQLite laid out by NativeSqlite.targets
    /// (runtimes/&lt;rid&gt;/native/ next to this assembly). A module loaded by pwsh has no deps.json that
    /// describes those folders, so the runtime would not look there by itself.
    /// On .NET Core this registers a DllImport resolver for the provider assembly that loads that exact file;
    /// on .NET Framework (Windows PowerShell) it pre-loads the file, and Windows then binds the import by module name.
    /// When the file is not there (e.g. an application whose deps.json lists it), nothing changes and the default
    /// probing applies.
    /// </summary>
    internal static class NativeSqliteLoader
    {
        private const string LibraryName = "e_sqlite3";
        private static readonly object Gate = new object();
        private static bool _done;

        /// <summary>How the native library was (or will be) found: "explicit: &lt;path&gt;", or "default probing: …".</summary>
        public static string Resolution { get; private set; } = "not initialised";

        /// <summary>The file chosen for this process (null when none is laid out next to the assembly).</summary>
        public static string? ExplicitPath { get; private set; }

        /// <summary>Idempotent; call before anything touches Microsoft.Data.Sqlite.</summary>
        public static void EnsureInitialized()
        {
            lock (Gate)
            {
                if (_done) return;
                _done = true;
                var baseDir = Path.GetDirectoryName(typeof(NativeSqliteLoader).Assembly.Location);
                var rid = CurrentRid();
                if (string.IsNullOrEmpty(baseDir) || rid == null)
                {
                    Resolution = "default probing: no runtime identifier for this platform";
                    return;
                }
                var path = Path.Combine(Path.Combine(Path.Combine(Path.Combine(baseDir!, "runtimes"), rid), "native"), FileName());
                if (!File.Exists(path))
                {
                    Resolution = $"default probing: {path} not found";
                    return;
                }
                ExplicitPath = path;
                var provider = typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly;
                if (TrySetResolver(provider, path, out var why)) Resolution = "explicit (resolver): " + path;
                else if (Preload(path)) Resolution = "explicit (preloaded): " + path + (why == null ? "" : " [" + why + "]");
                else Resolution = $"default probing: {path} could not be loaded" + (why == null ? "" : " [" + why + "]");
            }
        }

        /// <summary>The RID of this process: OS + process architecture (linux-x64, osx-arm64, win-x86, …), or null.</summary>
        public static string? CurrentRid()
        {
            string os;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) os = "win";
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) os = "osx";
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) os = IsMusl() ? "linux-musl" : "linux";
            else return null;
            switch (RuntimeInformation.ProcessArchitecture)
            {
                case Architecture.X64: return os + "-x64";
                case Architecture.X86: return os + "-x86";
                case Architecture.Arm64: return os + "-arm64";
                case Architecture.Arm: return os + "-arm";
                default: return null;
            }
        }

        private static string FileName()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return LibraryName + ".dll";
            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return "lib" + LibraryName + ".dylib";
            return "lib" + LibraryName + ".so";
        }

        // musl's loader is named ld-musl-*; glibc builds would not load there.
        private static bool IsMusl() =>
            Directory.Exists("/lib") && Directory.EnumerateFiles("/lib", "ld-musl-*").Any();

        /// <summary>NativeLibrary.SetDllImportResolver (netcoreapp3.0+), reached by reflection from netstandard2.0.</summary>
        private static bool TrySetResolver(Assembly provider, string path, out string? why)
        {
            why = null;
            var nativeLibrary = Type.GetType("System.Runtime.InteropServices.NativeLibrary", throwOnError: false);
            var resolverType = Type.GetType("System.Runtime.InteropServices.DllImportResolver", throwOnError: false);
            if (nativeLibrary == null || resolverType == null) { why = "no NativeLibrary (.NET Framework)"; return false; }
            var set = nativeLibrary.GetMethod("SetDllImportResolver", new[] { typeof(Assembly), resolverType });
            var load = nativeLibrary.GetMethod("Load", new[] { typeof(string) });
            if (set == null || load == null) { why = "NativeLibrary lacks SetDllImportResolver"; return false; }
            var resolver = new Resolver(path, (Func<string, IntPtr>)Delegate.CreateDelegate(typeof(Func<string, IntPtr>), load));
            var callback = Delegate.CreateDelegate(resolverType, resolver, typeof(Resolver).GetMethod(nameof(Resolver.Resolve))!);
            try
            {
                set.Invoke(null, new object[] { provider, callback });
                return true;
            }
            catch (TargetInvocationException ex) when (ex.InnerException is InvalidOperationException)
            {
                // Someone (another module) registered a resolver for the provider first; theirs stays in charge.
                why = "a resolver was already registered: " + ex.InnerException.Message;
                return false;
            }
        }

        private sealed class Resolver
        {
            private readonly string _path;
            private readonly Func<string, IntPtr> _load;
            private IntPtr _handle;

            public Resolver(string path, Func<string, IntPtr> load) { _path = path; _load = load; }

            // Signature of DllImportResolver: (string libraryName, Assembly assembly, DllImportSearchPath? searchPath) → handle; zero = default probing.
            public IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
            {
                if (libraryName != LibraryName) return IntPtr.Zero;
                if (_handle == IntPtr.Zero) _handle = _load(_path);
                return _handle;
            }
        }

        private static bool Preload(string path)
        {
            try
            {
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return LoadLibraryW(path) != IntPtr.Zero;
                return false; // dlopen by full path does not satisfy a later lookup by name for a library without SONAME.
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                return false;
            }
        }

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern IntPtr LoadLibraryW(string path);
    }
}
