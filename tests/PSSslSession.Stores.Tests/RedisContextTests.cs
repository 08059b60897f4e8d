using System.Text;
using PSSslSession.Codec;
using PSSslSession.Engine;
using Xunit;
using static PSSslSession.Stores.Tests.StoreTestEnvironment;

namespace PSSslSession.Stores.Tests
{
    /// <summary>Contexts sharing sessions through Redis: across processes, and through an outage.</summary>
    public sealed class RedisContextTests
    {
        private static string Address(RedisStoreOptions o) => o.Host + ":" + o.Port;

        [Fact]
        public void A_session_handshaken_in_another_process_resolves_here_as_a_CallbackHit()
        {
            var options = RedisOptions();
            var id = new SessionId(TestSessions.RandomId());
            var a = RunProbe(ProbeDirectory, "redis-handshake", Address(options), options.KeyPrefix, id.ToString());
            Assert.True(a.ExitCode == 0, a.Output + a.Error);
            using var store = new RedisSessionStore(options);
            using var context = new SslContext("here");
            context.AttachStore(store, load: false);
            var result = context.Lookup(id);
            Assert.Equal(SslLookupOutcome.CallbackHit, result.Outcome);
            Assert.Equal(id, result.Session!.GetSessionId());
            Assert.Empty(result.Faults);
        }

        [Fact]
        public void A_removal_here_is_seen_by_the_other_process()
        {
            var options = RedisOptions();
            var id = new SessionId(TestSessions.RandomId());
            Assert.Equal(0, RunProbe(ProbeDirectory, "redis-handshake", Address(options), options.KeyPrefix, id.ToString()).ExitCode);
            using var store = new RedisSessionStore(options);
            using var context = new SslContext("here");
            context.AttachStore(store, load: false);
            Assert.Equal(SslLookupOutcome.CallbackHit, context.Lookup(id).Outcome);
            context.Remove(id);
            var b = RunProbe(ProbeDirectory, "redis-resolve", Address(options), options.KeyPrefix, id.ToString());
            Assert.Contains("outcome: Miss faults: 0", b.Output);
        }

        [Fact]
        public void A_removal_in_the_other_process_is_seen_here()
        {
            var options = RedisOptions();
            using var store = new RedisSessionStore(options);
            using var context = new SslContext("here") { CacheMode = SslSessionCacheMode.Server | SslSessionCacheMode.NoInternal };
            context.AttachStore(store, load: false);
            var session = TestSessions.Tls12(DateTimeOffset.UtcNow, 600);
            Assert.True(context.CompleteHandshake(session, SslRole.Server).StoredExternally);
            Assert.Equal(SslLookupOutcome.CallbackHit, context.Lookup(session.GetSessionId()).Outcome);
            var b = RunProbe(ProbeDirectory, "redis-remove", Address(options), options.KeyPrefix, session.SessionId.ToString());
            Assert.True(b.ExitCode == 0, b.Output + b.Error);
            Assert.Equal(SslLookupOutcome.Miss, context.Lookup(session.GetSessionId()).Outcome);
        }

        [Fact]
        public void A_context_attached_to_a_shared_store_loads_its_sessions()
        {
            var options = RedisOptions();
            var now = DateTimeOffset.UtcNow;
            using (var writer = new RedisSessionStore(options))
                for (int i = 0; i < 3; i++) writer.Put(TestSessions.Tls12(now, 600), now);
            using var store = new RedisSessionStore(options);
            using var context = new SslContext("loader");
            var loaded = context.AttachStore(store, load: true);
            Assert.Equal(3, loaded.Removed.Count);
            Assert.Equal(3, context.Count);
        }

        [Fact]
        public void During_an_outage_the_context_keeps_serving_and_every_write_reaches_the_store_when_it_is_back()
        {
            var port = FreePort();
            using var server = new RedisServerProcess(port);
            var options = new RedisStoreOptions
            {
                Host = "127.0.0.1", Port = port, KeyPrefix = "outage:",
                ConnectTimeout = TimeSpan.FromSeconds(1), OperationTimeout = TimeSpan.FromSeconds(1),
            };
            using var store = new RedisSessionStore(options);
            using var context = new SslContext("outage");
            context.AttachStore(store, load: false);
            var before = TestSessions.Tls12(DateTimeOffset.UtcNow, 600);
            Assert.True(context.CompleteHandshake(before, SslRole.Server).StoredExternally);

            server.Stop();
            var during = new List<SslSession>();
            int queued = 0;
            for (int i = 0; i < 20; i++)
            {
                var s = TestSessions.Tls12(DateTimeOffset.UtcNow, 600);
                during.Add(s);
                var handshake = context.CompleteHandshake(s, SslRole.Server);
                Assert.True(handshake.Cached);
                var fault = Assert.Single(handshake.Faults);
                Assert.True(fault.IsTransient);
                Assert.True(((SessionStoreException)fault.Exception).IsConnectivity);
                queued += fault.QueuedWrites;
                Assert.Equal(SslLookupOutcome.Hit, context.Lookup(before.GetSessionId()).Outcome); // from the internal cache
                Assert.Equal(SslLookupOutcome.Miss, context.Lookup(new SessionId(TestSessions.RandomId())).Outcome);
            }
            Assert.Equal(20, queued);
            Assert.Equal(20, context.GetStatistics().StorePending);

            server.Start();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (context.GetStatistics().StorePending > 0 && DateTime.UtcNow < deadline) Thread.Sleep(50);
            Assert.Equal(0, context.GetStatistics().StorePending);
            Assert.Equal(0, context.GetStatistics().StoreDropped);
            foreach (var s in during)
                Assert.Equal(SslSessionCodec.Encode(s), RawCommand(options, Ascii("GET"), Ascii(store.KeyFor(s.GetSessionId()))));
            Assert.Equal("Connected", store.State);
        }

        [Fact]
        public void A_password_protected_server_accepts_AUTH_with_an_ACL_user()
        {
            var port = FreePort();
            using var server = new RedisServerProcess(port, "--user", "default", "off", "--user", "svc", "on", ">s3cret", "~*", "+@all");
            var options = new RedisStoreOptions { Host = "127.0.0.1", Port = port, UserName = "svc", Password = "s3cret", Database = 1 };
            using var store = new RedisSessionStore(options);
            var s = TestSessions.Tls12(DateTimeOffset.UtcNow, 60);
            store.Put(s, DateTimeOffset.UtcNow);
            Assert.NotNull(store.Get(s.GetSessionId(), null, DateTimeOffset.UtcNow));
            options.Password = "wrong";
            using var refused = new RedisSessionStore(options);
            Assert.Equal(SessionStoreError.AuthFailed, Assert.Throws<SessionStoreException>(() => refused.Ping()).Reason);
        }
    }
}
