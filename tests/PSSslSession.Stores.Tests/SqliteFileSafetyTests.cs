using System.Diagnostics;
using PSSslSession.Codec;
using PSSslSession.Engine.IO;
using Xunit;

namespace PSSslSession.Stores.Tests
{
    /// <summary>The database holds master keys: owner-only files, and no committed session lost to a killed process.</summary>
    public sealed class SqliteFileSafetyTests : IDisposable
    {
        private readonly TempFolder _folder = StoreTestEnvironment.NewFolder();

        public void Dispose() => _folder.Dispose();

        [Fact]
        public void The_database_and_its_wal_and_shm_files_are_owner_only_on_Unix()
        {
            Assert.True(OwnerOnlyFile.IsUnix, "This test checks POSIX permissions; run it on Linux or macOS.");
            var path = _folder.File("secret.db");
            // The default umask (022) would leave new files readable by everyone: the store alone must restrict them.
            using var store = new SqliteSessionStore(path);
            store.Put(TestSessions.Tls12(DateTimeOffset.UtcNow, 600), DateTimeOffset.UtcNow);
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                Assert.True(File.Exists(file), file + " should exist while the store is open (WAL mode)");
                Assert.Equal(Convert.ToInt32("600", 8), OwnerOnlyFile.GetUnixMode(file));
            }
        }

        [Fact]
        public void Opening_an_existing_world_readable_database_restricts_it()
        {
            Assert.True(OwnerOnlyFile.IsUnix, "This test checks POSIX permissions; run it on Linux or macOS.");
            var path = _folder.File("loose.db");
            using (new SqliteSessionStore(path)) { }
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            using (new SqliteSessionStore(path))
                Assert.Equal(Convert.ToInt32("600", 8), OwnerOnlyFile.GetUnixMode(path));
        }

        [Fact]
        public void A_writer_killed_mid_burst_loses_no_session_whose_Put_returned_and_leaves_no_corrupt_row()
        {
            var path = _folder.File("killed.db");
            using (new SqliteSessionStore(path)) { } // schema exists before the child starts
            var printed = new List<(int Protocol, SessionId Id)>();
            using (var child = StoreTestEnvironment.StartProbe(StoreTestEnvironment.ProbeDirectory, "sqlite-burst", path, "100000"))
            {
                Assert.Equal("ready", child.StandardOutput.ReadLine());
                var killAfter = Random.Shared.Next(50, 400);
                while (printed.Count < killAfter)
                {
                    var line = child.StandardOutput.ReadLine();
                    if (line == null) Assert.Fail("the writer ended early: " + child.StandardError.ReadToEnd());
                    printed.Add(Parse(line!));
                }
                child.Kill(); // SIGKILL on Unix: no finalizers, no flush, possibly in the middle of a transaction
                // Lines already in the pipe were printed after their Put returned too.
                string? rest;
                while ((rest = child.StandardOutput.ReadLine()) != null) if (rest != "done") printed.Add(Parse(rest));
                child.WaitForExit();
            }
            var now = DateTimeOffset.UtcNow;
            using var store = new SqliteSessionStore(path);
            var loaded = store.LoadUnexpired(now);
            Assert.Equal(0, store.CorruptRecordCount);
            Assert.Equal(store.Count, loaded.Count);
            var present = loaded.Select(s => (s.ProtocolVersion, s.GetSessionId())).ToHashSet();
            Assert.All(printed, p => Assert.Contains(p, present));
        }

        private static (int, SessionId) Parse(string line)
        {
            var parts = line.Split(' ');
            return (int.Parse(parts[0]), SessionId.Parse(parts[1]));
        }
    }
}
