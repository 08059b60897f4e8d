using PSSslSession.Codec;
using PSSslSession.Engine;
using Xunit;

namespace PSSslSession.Stores.Tests
{
    /// <summary>The SQLite store behind an <see cref="SslContext"/>: persistence across contexts (the seeds' "saved to disk").</summary>
    public sealed class SqliteContextTests : IDisposable
    {
        private readonly TempFolder _folder = StoreTestEnvironment.NewFolder();

        public void Dispose() => _folder.Dispose();

        private sealed class FixedClock : IClock
        {
            public DateTimeOffset UtcNow { get; set; }
        }

        [Fact]
        public void A_new_context_on_the_same_file_gets_back_the_sessions_and_their_expiry()
        {
            var path = _folder.File("ctx.db");
            var clock = new FixedClock { UtcNow = DateTimeOffset.UtcNow };
            var a = TestSessions.Tls12(clock.UtcNow, 600);
            var b = TestSessions.Tls13(clock.UtcNow, 1200);
            using (var store = new SqliteSessionStore(path))
            using (var first = new SslContext("first", clock))
            {
                first.AttachStore(store);
                Assert.True(first.CompleteHandshake(a, SslRole.Server).StoredExternally);
                first.Add(b);
            }
            using (var store = new SqliteSessionStore(path))
            using (var second = new SslContext("second", clock))
            {
                var loaded = second.AttachStore(store, load: true);
                Assert.Empty(loaded.Faults);
                Assert.Equal(2, second.Count);
                var found = second.FindSessions(a.GetSessionId()).Single();
                Assert.Equal(a.ExpiresAtUnixSeconds, found.ExpiresAtUnixSeconds);
                Assert.Equal(SslLookupOutcome.Hit, second.Lookup(b.GetSessionId(), SslProtocol.TLSv13).Outcome);
            }
        }

        [Fact]
        public void Sessions_expired_by_the_time_the_file_is_reopened_are_not_loaded()
        {
            var path = _folder.File("expired.db");
            var clock = new FixedClock { UtcNow = DateTimeOffset.UtcNow };
            var shortLived = TestSessions.Tls12(clock.UtcNow, 60);
            var longLived = TestSessions.Tls12(clock.UtcNow, 3600);
            using (var store = new SqliteSessionStore(path))
            using (var first = new SslContext("first", clock))
            {
                first.AttachStore(store);
                first.CompleteHandshake(shortLived, SslRole.Server);
                first.CompleteHandshake(longLived, SslRole.Server);
            }
            clock.UtcNow = clock.UtcNow.AddSeconds(61);
            using (var store = new SqliteSessionStore(path))
            using (var second = new SslContext("second", clock))
            {
                second.AttachStore(store, load: true);
                Assert.Equal(new[] { longLived.SessionId }, second.GetSessions().Select(s => s.SessionId));
            }
        }

        [Fact]
        public void Removing_a_session_from_the_context_deletes_its_row()
        {
            var path = _folder.File("remove.db");
            using var store = new SqliteSessionStore(path);
            using var context = new SslContext("remove");
            context.AttachStore(store);
            var s = TestSessions.Tls12(DateTimeOffset.UtcNow, 600);
            context.CompleteHandshake(s, SslRole.Server);
            Assert.Equal(1, store.Count);
            context.Remove(s);
            Assert.Equal(0, store.Count);
        }

        [Fact]
        public void With_NoInternal_a_lookup_is_served_from_the_file_as_a_callback_hit()
        {
            var path = _folder.File("external.db");
            var s = TestSessions.Tls12(DateTimeOffset.UtcNow, 600);
            using (var writer = new SqliteSessionStore(path)) writer.Put(s, DateTimeOffset.UtcNow);
            using var store = new SqliteSessionStore(path);
            using var context = new SslContext("external") { CacheMode = SslSessionCacheMode.Server | SslSessionCacheMode.NoInternal };
            context.AttachStore(store, load: false);
            var result = context.Lookup(s.GetSessionId(), SslProtocol.TLSv12);
            Assert.Equal(SslLookupOutcome.CallbackHit, result.Outcome);
            Assert.Equal(0, context.Count);
        }
    }
}
