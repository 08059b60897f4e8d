using Xunit;

namespace PSSslSession.Stores.Tests
{
    /// <summary>
    /// The module's layout (NativeSqlite.targets: runtimes/&lt;rid&gt;/native/) loads SQLite without any deps.json,
    /// as inside pwsh: the probe runs from a copy of the published Stores folder with no deps.json next to it.
    /// </summary>
    public sealed class NativeLibraryLayoutTests : IDisposable
    {
        private readonly TempFolder _folder = StoreTestEnvironment.NewFolder();

        public void Dispose() => _folder.Dispose();

        private static string PublishedStores => Path.Combine(AppContext.BaseDirectory, "published-stores");

        private string CopyPublishedLayoutWithProbe()
        {
            var target = Path.Combine(_folder.Path, "module");
            foreach (var file in Directory.EnumerateFiles(PublishedStores, "*", SearchOption.AllDirectories))
            {
                if (file.EndsWith(".deps.json", StringComparison.Ordinal)) continue;
                var destination = Path.Combine(target, Path.GetRelativePath(PublishedStores, file));
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(file, destination);
            }
            foreach (var name in new[] { "PSSslSession.Stores.Probe.dll", "PSSslSession.Stores.Probe.runtimeconfig.json" })
                File.Copy(Path.Combine(StoreTestEnvironment.ProbeDirectory, name), Path.Combine(target, name));
            return target;
        }

        [Fact]
        public void The_published_layout_carries_the_native_library_of_every_supported_platform()
        {
            var expected = new[]
            {
                "linux-x64/native/libe_sqlite3.so", "linux-arm64/native/libe_sqlite3.so",
                "osx-x64/native/libe_sqlite3.dylib", "osx-arm64/native/libe_sqlite3.dylib",
                "win-x64/native/e_sqlite3.dll", "win-x86/native/e_sqlite3.dll", "win-arm64/native/e_sqlite3.dll",
            };
            foreach (var relative in expected)
                Assert.True(File.Exists(Path.Combine(PublishedStores, "runtimes", relative)), "missing runtimes/" + relative);
        }

        [Fact]
        public void A_process_without_deps_json_loads_the_native_library_from_the_runtimes_folder_of_its_platform()
        {
            Assert.True(OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64,
                "This test checks the linux-x64 layout; add the expectation for this platform.");
            var module = CopyPublishedLayoutWithProbe();
            Assert.False(Directory.EnumerateFiles(module, "*.deps.json").Any());
            var run = StoreTestEnvironment.RunProbe(module, "sqlite-probe", _folder.File("probe.db"));
            Assert.True(run.ExitCode == 0, $"probe failed ({run.ExitCode}): {run.Output}{run.Error}");
            var native = Path.Combine(module, "runtimes", "linux-x64", "native", "libe_sqlite3.so");
            Assert.Contains("resolution: explicit (resolver): " + native, run.Output);
            Assert.Contains("mapped: " + native, run.Output);
            Assert.Contains("roundtrip: ok", run.Output);
        }

        [Fact]
        public void Without_the_runtimes_folder_the_same_process_cannot_find_SQLite()
        {
            // The control experiment: the default probing alone does not find runtimes/<rid>/native without deps.json,
            // so the previous test passes only because of the explicit load.
            var module = CopyPublishedLayoutWithProbe();
            Directory.Delete(Path.Combine(module, "runtimes"), recursive: true);
            var run = StoreTestEnvironment.RunProbe(module, "sqlite-probe", _folder.File("probe.db"));
            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("e_sqlite3", run.Error);
        }
    }
}
