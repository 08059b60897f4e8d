using System.Diagnostics;
using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Stores.Tests.StoreTestEnvironment;

namespace PSSslSession.Stores.Tests
{
    /// <summary>Failures of a real redis-server surface as a <see cref="SessionStoreException"/> with a clear reason, an outage once.</summary>
    public sealed class RedisFailureTests
    {
        private static readonly SessionId AnyId = new SessionId(new byte[] { 0xAB, 0xCD });

        private static SessionStoreException GetFails(RedisSessionStore store) =>
            Assert.Throws<SessionStoreException>(() => store.Get(AnyId, null, DateTimeOffset.UtcNow));

        private static RedisStoreOptions Local(int port) => new RedisStoreOptions
        {
            Host = "127.0.0.1", Port = port, ConnectTimeout = TimeSpan.FromSeconds(1), OperationTimeout = TimeSpan.FromSeconds(1),
        };

        [Fact]
        public void An_unreachable_server_is_Unreachable_once_then_Unavailable_at_once()
        {
            using var store = new RedisSessionStore(Local(FreePort()));
            Assert.Equal(SessionStoreError.Unreachable, GetFails(store).Reason);
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < 100; i++) Assert.Equal(SessionStoreError.Unavailable, GetFails(store).Reason);
            Assert.True(clock.ElapsedMilliseconds < 1000, $"100 calls during the outage took {clock.ElapsedMilliseconds} ms");
            Assert.StartsWith("Disconnected since", store.State);
        }

        [Fact]
        public void A_failure_message_leaves_the_client_diagnostics_to_the_inner_exception()
        {
            using var store = new RedisSessionStore(Local(FreePort()));
            var failure = GetFails(store);
            Assert.Contains("127.0.0.1", failure.Message);
            Assert.DoesNotContain("origin:", failure.Message);
            Assert.DoesNotContain("v: 2.", failure.Message);
            Assert.NotNull(failure.InnerException);
        }

        /// <summary>A store that has answered a PING of <paramref name="server"/> (the first connect may be slow on a busy machine).</summary>
        private static RedisSessionStore ConnectedStore(RedisServerProcess server)
        {
            var options = Local(server.Port);
            options.ConnectTimeout = TimeSpan.FromSeconds(10);
            var store = new RedisSessionStore(options);
            store.Ping();
            return store;
        }

        [Fact]
        public void A_server_that_comes_back_ends_the_outage()
        {
            using var server = new RedisServerProcess(FreePort());
            using var store = ConnectedStore(server);
            server.Stop();
            Assert.True(GetFails(store).IsConnectivity);
            server.Start();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline)
            {
                try { store.Ping(); break; } catch (SessionStoreException e) when (e.Reason == SessionStoreError.Unavailable) { Thread.Sleep(100); }
            }
            Assert.Null(store.Get(AnyId, null, DateTimeOffset.UtcNow));
            Assert.Equal("Connected", store.State);
        }

        [Fact]
        public void A_server_that_stops_answering_is_a_Timeout()
        {
            using var server = new RedisServerProcess(FreePort());
            using var store = ConnectedStore(server);
            Signal("STOP", server.ProcessId); // connected, then silent: the socket stays open, no reply comes
            try
            {
                Assert.Equal(SessionStoreError.Timeout, GetFails(store).Reason);
            }
            finally
            {
                Signal("CONT", server.ProcessId);
            }
        }

        private static void Signal(string signal, int processId)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {processId}") { UseShellExecute = false })!;
            kill.WaitForExit();
            Assert.Equal(0, kill.ExitCode);
        }

        [Fact]
        public void A_refused_ACL_password_is_AuthFailed_naming_the_user()
        {
            var port = FreePort();
            using var server = new RedisServerProcess(port, "--user", "default", "off", "--user", "svc", "on", ">s3cret", "~*", "+@all");
            var options = Local(port);
            options.UserName = "svc";
            options.Password = "wrong";
            using var store = new RedisSessionStore(options);
            var ex = GetFails(store);
            Assert.Equal(SessionStoreError.AuthFailed, ex.Reason);
            Assert.Contains("svc", ex.Message);
        }

        [Fact]
        public void A_password_protected_server_without_a_password_is_AuthFailed()
        {
            var port = FreePort();
            using var server = new RedisServerProcess(port, "--requirepass", "s3cret");
            using var store = new RedisSessionStore(Local(port));
            Assert.Equal(SessionStoreError.AuthFailed, GetFails(store).Reason);
        }

        [Fact]
        public void The_selected_database_holds_the_keys()
        {
            var options = RedisOptions();
            options.Database = 3;
            using var store = new RedisSessionStore(options);
            var now = DateTimeOffset.UtcNow;
            var session = TestSessions.Tls12(now, 60);
            store.Put(session, now);
            var key = Ascii(store.KeyFor(session.GetSessionId()));
            Assert.Equal(SslSessionCodec.Encode(session), RawCommand(options, Ascii("GET"), key));
            var database0 = options.Clone();
            database0.Database = 0;
            Assert.Empty(RawCommand(database0, Ascii("GET"), key));
            store.Remove(session.GetSessionId(), session.GetProtocol());
        }
    }
}
