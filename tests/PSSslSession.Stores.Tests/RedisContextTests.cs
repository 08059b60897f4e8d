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
        public void An_outage_is_reported_once_the_context_keeps_serving_and_the_store_recovers_on_the_same_port()
        {
            var port = FreePort();
            using var server = new RedisServerProcess(port);
            var options = new RedisStoreOptions
            {
                Host = "127.0.0.1", Port = port, KeyPrefix = "outage:",
                ConnectTimeout = TimeSpan.FromSeconds(1), OperationTimeout = TimeSpan.FromSeconds(1),
                ReconnectDelay = TimeSpan.FromMilliseconds(200), MaxReconnectDelay = TimeSpan.FromMilliseconds(400),
            };
            using var store = new RedisSessionStore(options);
            using var context = new SslContext("outage");
            context.AttachStore(store, load: false);
            var before = TestSessions.Tls12(DateTimeOffset.UtcNow, 600);
            Assert.True(context.CompleteHandshake(before, SslRole.Server).StoredExternally);

            server.Stop();
            var faults = new List<SslCacheFault>();
            for (int i = 0; i < 20; i++)
            {
                var during = TestSessions.Tls12(DateTimeOffset.UtcNow, 600);
                var handshake = context.CompleteHandshake(during, SslRole.Server);
                Assert.True(handshake.Cached);
                faults.AddRange(handshake.Faults);
                var hit = context.Lookup(before.GetSessionId());
                Assert.Equal(SslLookupOutcome.Hit, hit.Outcome); // served from the internal cache
                faults.AddRange(hit.Faults);
                var miss = context.Lookup(new SessionId(TestSessions.RandomId()));
                Assert.Equal(SslLookupOutcome.Miss, miss.Outcome);
                faults.AddRange(miss.Faults);
            }
            var fault = Assert.Single(faults);
            Assert.Equal(SslCacheFaultSource.Store, fault.Source);
            Assert.True(((SessionStoreException)fault.Exception).IsConnectivity);
            Assert.StartsWith("Disconnected since", store.State);
            Assert.True(context.GetStatistics().StoreErrors >= 40);

            server.Start();
            var after = TestSessions.Tls12(DateTimeOffset.UtcNow, 600);
            var deadline = DateTime.UtcNow.AddSeconds(15);
            HandshakeResult result;
            do
            {
                Thread.Sleep(100);
                result = context.CompleteHandshake(after, SslRole.Server);
            } while (!result.StoredExternally && DateTime.UtcNow < deadline);
            Assert.True(result.StoredExternally, "the store did not reconnect: " + store.State);
            Assert.Equal("Connected", store.State);
            Assert.Equal(SslSessionCodec.Encode(after), RawCommand(options, Ascii("GET"), Ascii(store.KeyFor(after.GetSessionId()))));
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
