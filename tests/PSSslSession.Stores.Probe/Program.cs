using PSSslSession.Codec;
using PSSslSession.Engine;
using PSSslSession.Stores;
using PSSslSession.Stores.Tests;

// Every line this process prints is read by PSSslSession.Stores.Tests; keep the formats stable.
var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
try
{
    switch (args.Length > 0 ? args[0] : "")
    {
        case "sqlite-probe":
        {
            // Loads the SQLite store (and so the native library) and round-trips a session.
            using var store = new SqliteSessionStore(args[1]);
            var now = DateTimeOffset.UtcNow;
            var session = TestSessions.Tls12(now);
            store.Put(session, now);
            var back = store.Get(session.GetSessionId(), session.GetProtocol(), now);
            stdout.WriteLine("resolution: " + SqliteSessionStore.NativeLibraryResolution);
            if (File.Exists("/proc/self/maps"))
                foreach (var line in File.ReadLines("/proc/self/maps").Where(l => l.Contains("e_sqlite3")).Select(l => l.Substring(l.IndexOf('/'))).Distinct())
                    stdout.WriteLine("mapped: " + line);
            stdout.WriteLine(back != null && back.SessionId == session.SessionId ? "roundtrip: ok" : "roundtrip: FAILED");
            return back != null ? 0 : 1;
        }
        case "sqlite-burst":
        {
            // Writes sessions one by one and prints each id after its Put returned (the kill test's witness).
            using var store = new SqliteSessionStore(args[1]);
            var count = int.Parse(args[2]);
            stdout.WriteLine("ready");
            for (int i = 0; i < count; i++)
            {
                var now = DateTimeOffset.UtcNow;
                var session = i % 2 == 0 ? TestSessions.Tls12(now, 3600) : TestSessions.Tls13(now, 3600);
                store.Put(session, now);
                stdout.WriteLine(session.ProtocolVersion + " " + session.GetSessionId());
            }
            stdout.WriteLine("done");
            return 0;
        }
        case "redis-handshake":
        case "redis-remove":
        case "redis-resolve":
        {
            // A context in this process sharing a Redis store: args = command host:port prefix hex-id.
            var options = RedisStoreOptions.Parse(args[1]);
            options.KeyPrefix = args[2];
            var id = SessionId.Parse(args[3]);
            using var store = new RedisSessionStore(options);
            using var context = new SslContext("probe-" + Environment.ProcessId);
            context.AttachStore(store, load: false);
            if (args[0] == "redis-handshake")
            {
                var result = context.CompleteHandshake(TestSessions.Tls12(DateTimeOffset.UtcNow, 600, id.ToArray()), SslRole.Server);
                stdout.WriteLine($"stored: {result.StoredExternally} faults: {result.Faults.Count}");
                return result.StoredExternally ? 0 : 1;
            }
            if (args[0] == "redis-remove")
            {
                var result = context.Remove(id);
                stdout.WriteLine($"faults: {result.Faults.Count}");
                return result.Faults.Count == 0 ? 0 : 1;
            }
            var lookup = context.Lookup(id);
            stdout.WriteLine($"outcome: {lookup.Outcome} faults: {lookup.Faults.Count}");
            return 0;
        }
        default:
            Console.Error.WriteLine("usage: probe sqlite-probe <db> | sqlite-burst <db> <count> | redis-handshake|redis-remove|redis-resolve <host:port> <prefix> <hex-id>");
            return 2;
    }
}
catch (Exception ex)
{
    Console.Error.WriteLine(ex.GetType().FullName + ": " + ex.Message);
    Console.Error.WriteLine(ex);
    return 3;
}
