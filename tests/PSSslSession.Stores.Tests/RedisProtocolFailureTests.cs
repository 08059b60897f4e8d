using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Stores.Tests.FakeRedisServer;

namespace PSSslSession.Stores.Tests
{
    /// <summary>Every way a server can misbehave surfaces as a <see cref="SessionStoreException"/> with a clear reason.</summary>
    public sealed class RedisProtocolFailureTests
    {
        private static readonly SessionId AnyId = new SessionId(new byte[] { 0xAB, 0xCD });

        private static SessionStoreException GetFails(RedisSessionStore store) =>
            Assert.Throws<SessionStoreException>(() => store.Get(AnyId, null, DateTimeOffset.UtcNow));

        [Fact]
        public void Garbage_instead_of_PONG_is_a_ProtocolError()
        {
            using var server = new FakeRedisServer(_ => Bytes("HTTP/1.0 200 OK\r\n\r\n"));
            using var store = new RedisSessionStore(server.Options());
            var ex = GetFails(store);
            Assert.Equal(SessionStoreError.ProtocolError, ex.Reason);
            Assert.Contains("not valid RESP2", ex.Message);
        }

        [Fact]
        public void An_error_reply_is_a_ProtocolError_naming_the_command_and_keeps_the_connection()
        {
            var calls = 0;
            using var server = new FakeRedisServer(cmd => cmd[0] == "PING" ? Bytes("+PONG\r\n")
                : Interlocked.Increment(ref calls) == 1 ? Bytes("-ERR something broke\r\n") : Bytes("$-1\r\n"));
            using var store = new RedisSessionStore(server.Options());
            var ex = GetFails(store);
            Assert.Equal(SessionStoreError.ProtocolError, ex.Reason);
            Assert.Contains("GET", ex.Message);
            Assert.Contains("ERR something broke", ex.Message);
            Assert.Null(store.Get(AnyId, null, DateTimeOffset.UtcNow));
            Assert.Equal(1, server.Connections);
        }

        [Fact]
        public void A_reply_of_the_wrong_type_is_a_ProtocolError()
        {
            using var server = AnsweringAfterPing(Bytes(":1\r\n"));
            using var store = new RedisSessionStore(server.Options());
            var ex = GetFails(store);
            Assert.Equal(SessionStoreError.ProtocolError, ex.Reason);
            Assert.Contains("unexpected integer 1", ex.Message);
        }

        [Fact]
        public void A_SET_answered_with_something_other_than_OK_is_a_ProtocolError()
        {
            using var server = AnsweringAfterPing(Bytes("+QUEUED\r\n"));
            using var store = new RedisSessionStore(server.Options());
            var ex = Assert.Throws<SessionStoreException>(() => store.Put(TestSessions.Tls12(DateTimeOffset.UtcNow, 60), DateTimeOffset.UtcNow));
            Assert.Equal(SessionStoreError.ProtocolError, ex.Reason);
        }

        [Fact]
        public void A_server_that_closes_mid_reply_is_an_IoError()
        {
            using var server = new FakeRedisServer(cmd => cmd[0] == "PING" ? Bytes("+PONG\r\n") : null);
            using var store = new RedisSessionStore(server.Options());
            Assert.Equal(SessionStoreError.IoError, GetFails(store).Reason);
        }

        [Fact]
        public void A_bulk_reply_cut_short_by_a_close_is_an_IoError()
        {
            using var server = AnsweringAfterPing(ThenClose("$100\r\nonly-a-little"));
            using var store = new RedisSessionStore(server.Options());
            var ex = GetFails(store);
            Assert.Equal(SessionStoreError.IoError, ex.Reason);
            Assert.Contains("closed the connection in the middle of a reply", ex.Message);
        }

        [Fact]
        public void A_server_that_never_answers_is_a_Timeout()
        {
            using var server = AnsweringAfterPing(Array.Empty<byte>());
            using var store = new RedisSessionStore(server.Options(operationTimeoutSeconds: 0.3));
            var ex = GetFails(store);
            Assert.Equal(SessionStoreError.Timeout, ex.Reason);
        }

        [Fact]
        public void A_refused_password_is_AuthFailed()
        {
            using var server = new FakeRedisServer(cmd => cmd[0] == "AUTH" ? Bytes("-WRONGPASS invalid username-password pair\r\n") : Bytes("+PONG\r\n"));
            var options = server.Options();
            options.UserName = "svc";
            options.Password = "nope";
            using var store = new RedisSessionStore(options);
            var ex = GetFails(store);
            Assert.Equal(SessionStoreError.AuthFailed, ex.Reason);
            Assert.Contains("svc", ex.Message);
        }

        [Fact]
        public void AUTH_and_SELECT_are_sent_before_the_first_command()
        {
            var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
            using var server = new FakeRedisServer(cmd =>
            {
                seen.Enqueue(string.Join(" ", cmd));
                return cmd[0] switch { "AUTH" or "SELECT" => Bytes("+OK\r\n"), "PING" => Bytes("+PONG\r\n"), _ => Bytes("$-1\r\n") };
            });
            var options = server.Options();
            options.UserName = "svc";
            options.Password = "secret";
            options.Database = 3;
            using var store = new RedisSessionStore(options);
            Assert.Null(store.Get(AnyId, null, DateTimeOffset.UtcNow));
            Assert.Equal(new[] { "AUTH svc secret", "SELECT 3", "PING", "GET fake:abcd" }, seen.ToArray());
        }

        [Fact]
        public void An_unreachable_server_is_Unreachable_once_then_Unavailable_without_new_attempts_during_the_backoff()
        {
            var port = StoreTestEnvironment.FreePort();
            var options = new RedisStoreOptions { Host = "127.0.0.1", Port = port, ReconnectDelay = TimeSpan.FromMinutes(5), MaxReconnectDelay = TimeSpan.FromMinutes(5) };
            using var store = new RedisSessionStore(options);
            Assert.Equal(SessionStoreError.Unreachable, GetFails(store).Reason);
            for (int i = 0; i < 3; i++) Assert.Equal(SessionStoreError.Unavailable, GetFails(store).Reason);
            Assert.StartsWith("Disconnected since", store.State);
            Assert.Contains("next attempt in", store.State);
        }
    }
}
