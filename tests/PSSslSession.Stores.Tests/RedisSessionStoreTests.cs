using System.Text;
using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Stores.Tests.StoreTestEnvironment;

namespace PSSslSession.Stores.Tests
{
    /// <summary>Against the redis-server of tests/run (PSSSLSESSION_REDIS): mod_socache_redis' layout, byte for byte.</summary>
    public sealed class RedisSessionStoreTests : IDisposable
    {
        private readonly RedisStoreOptions _options = RedisOptions();
        private readonly RedisSessionStore _store;

        public RedisSessionStoreTests() { _store = new RedisSessionStore(_options); }

        public void Dispose() => _store.Dispose();

        private byte[] Raw(params string[] args) => RawCommand(_options, args.Select(Ascii).ToArray());

        [Fact]
        public void The_environment_names_a_Redis_server()
        {
            // Fails (never skips) when tests/run did not start one.
            _store.Ping();
            Assert.Equal("Connected", _store.State);
        }

        [Fact]
        public void Put_writes_the_DER_under_prefix_plus_lowercase_hex_id()
        {
            var now = DateTimeOffset.UtcNow;
            var id = new byte[] { 0xDE, 0xAD, 0xBE, 0xEF, 0x0A, 0x1B };
            var session = TestSessions.Tls12(now, 600, id);
            _store.Put(session, now);
            var key = _options.KeyPrefix + "deadbeef0a1b";
            Assert.Equal(key, _store.KeyFor(session.GetSessionId()));
            Assert.Equal(SslSessionCodec.Encode(session), Raw("GET", key));
        }

        [Fact]
        public void The_default_prefix_is_mod_ssl_session()
        {
            var options = RedisOptions(keyPrefix: RedisStoreOptions.DefaultKeyPrefix);
            using var store = new RedisSessionStore(options);
            var session = TestSessions.Tls12(DateTimeOffset.UtcNow, 60);
            try
            {
                store.Put(session, DateTimeOffset.UtcNow);
                Assert.Equal("1", Encoding.ASCII.GetString(RawCommand(options, Ascii("EXISTS"), Ascii("mod_ssl-sess:" + session.GetSessionId().ToLowerHex()))));
            }
            finally
            {
                store.Remove(session.GetSessionId(), session.GetProtocol());
            }
        }

        [Fact]
        public void The_TTL_is_the_whole_seconds_left_at_the_time_of_the_Put()
        {
            var start = DateTimeOffset.UtcNow;
            var session = TestSessions.Tls12(start, 1000);
            _store.Put(session, start.AddSeconds(400)); // 600 s left by the caller's clock
            var ttl = long.Parse(Encoding.ASCII.GetString(Raw("TTL", _store.KeyFor(session.GetSessionId()))));
            Assert.InRange(ttl, 590, 600); // Redis counts down from 600 while the test runs
            Assert.Equal(600, RedisSessionStore.TimeToLive(session, start.AddSeconds(400)));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(5)]
        public void A_session_with_no_second_left_is_not_written(int secondsPastExpiry)
        {
            var start = DateTimeOffset.UtcNow;
            var session = TestSessions.Tls12(start, 100);
            _store.Put(session, start.AddSeconds(100 + secondsPastExpiry));
            Assert.Equal("0", Encoding.ASCII.GetString(Raw("EXISTS", _store.KeyFor(session.GetSessionId()))));
        }

        [Fact]
        public void PutMany_writes_each_session_with_its_own_TTL_and_skips_those_with_no_second_left()
        {
            var now = DateTimeOffset.UtcNow;
            var short_ = TestSessions.Tls12(now, 100);
            var long_ = TestSessions.Tls13(now, 5000);
            var expired = TestSessions.Tls12(now.AddSeconds(-200), 100);
            _store.PutMany(new[] { short_, long_, expired }, now);
            Assert.Equal(SslSessionCodec.Encode(short_), Raw("GET", _store.KeyFor(short_.GetSessionId())));
            Assert.Equal(SslSessionCodec.Encode(long_), Raw("GET", _store.KeyFor(long_.GetSessionId())));
            Assert.InRange(long.Parse(Encoding.ASCII.GetString(Raw("TTL", _store.KeyFor(short_.GetSessionId())))), 90, 100);
            Assert.InRange(long.Parse(Encoding.ASCII.GetString(Raw("TTL", _store.KeyFor(long_.GetSessionId())))), 4990, 5000);
            Assert.Equal("0", Encoding.ASCII.GetString(Raw("EXISTS", _store.KeyFor(expired.GetSessionId()))));
        }

        [Fact]
        public void PutMany_of_more_sessions_than_one_pipelined_page_writes_them_all()
        {
            var now = DateTimeOffset.UtcNow;
            var sessions = Enumerable.Range(0, 2500).Select(_ => TestSessions.Tls12(now, 600)).ToList();
            _store.PutMany(sessions, now);
            Assert.Equal(sessions.Select(s => s.SessionId).ToHashSet(), _store.LoadUnexpired(now).Select(s => s.SessionId).ToHashSet());
        }

        [Fact]
        public void PutMany_with_a_session_it_cannot_store_sends_none_of_them()
        {
            var now = DateTimeOffset.UtcNow;
            var good = TestSessions.Tls12(now, 600);
            var noId = TestSessions.Tls12(now, 600, id: Array.Empty<byte>());
            var e = Assert.Throws<SessionStoreException>(() => _store.PutMany(new[] { good, noId }, now));
            Assert.Equal(SessionStoreError.InvalidSession, e.Reason);
            Assert.Equal("0", Encoding.ASCII.GetString(Raw("EXISTS", _store.KeyFor(good.GetSessionId()))));
        }

        [Fact]
        public void Get_decodes_what_Put_wrote()
        {
            var now = DateTimeOffset.UtcNow;
            var session = TestSessions.Tls13(now, 600, sidCtx: new byte[] { 9, 9 });
            _store.Put(session, now);
            var back = _store.Get(session.GetSessionId(), null, now);
            Assert.NotNull(back);
            Assert.Equal(SslSessionCodec.Encode(session), SslSessionCodec.Encode(back!));
        }

        [Fact]
        public void Get_with_another_protocol_is_a_miss()
        {
            var now = DateTimeOffset.UtcNow;
            var session = TestSessions.Tls13(now, 600);
            _store.Put(session, now);
            Assert.Null(_store.Get(session.GetSessionId(), SslProtocol.TLSv12, now));
            Assert.NotNull(_store.Get(session.GetSessionId(), SslProtocol.TLSv13, now));
        }

        [Fact]
        public void Get_of_a_missing_key_is_null()
        {
            Assert.Null(_store.Get(new SessionId(TestSessions.RandomId()), null, DateTimeOffset.UtcNow));
        }

        [Fact]
        public void Get_of_a_value_that_does_not_decode_is_a_CorruptRecord_error_and_leaves_the_key()
        {
            var id = new SessionId(TestSessions.RandomId());
            var key = _store.KeyFor(id);
            Raw("SET", key, "not a session", "EX", "60");
            var ex = Assert.Throws<SessionStoreException>(() => _store.Get(id, null, DateTimeOffset.UtcNow));
            Assert.Equal(SessionStoreError.CorruptRecord, ex.Reason);
            Assert.Contains(key, ex.Message);
            Assert.Equal("1", Encoding.ASCII.GetString(Raw("EXISTS", key)));
            Assert.Equal(1, _store.CorruptRecordCount);
        }

        [Fact]
        public void Remove_deletes_the_key_and_reports_whether_it_existed()
        {
            var now = DateTimeOffset.UtcNow;
            var session = TestSessions.Tls12(now, 600);
            _store.Put(session, now);
            Assert.True(_store.Remove(session.GetSessionId(), session.GetProtocol()));
            Assert.False(_store.Remove(session.GetSessionId(), session.GetProtocol()));
            Assert.Equal("0", Encoding.ASCII.GetString(Raw("EXISTS", _store.KeyFor(session.GetSessionId()))));
        }

        [Fact]
        public void LoadUnexpired_lists_every_session_under_the_prefix_only_and_skips_corrupt_values()
        {
            var now = DateTimeOffset.UtcNow;
            var mine = Enumerable.Range(0, 1200).Select(i => TestSessions.Tls12(now, 600 + i)).ToList(); // more than one SCAN page
            foreach (var s in mine) _store.Put(s, now);
            Raw("SET", _options.KeyPrefix + "00ff", "garbage", "EX", "60");
            using var other = new RedisSessionStore(RedisOptions());
            var foreign = TestSessions.Tls12(now, 600);
            other.Put(foreign, now);
            var loaded = _store.LoadUnexpired(now);
            Assert.Equal(mine.Select(s => s.SessionId).ToHashSet(), loaded.Select(s => s.SessionId).ToHashSet());
            Assert.Equal(1, _store.CorruptRecordCount);
            Assert.True(loaded.Zip(loaded.Skip(1)).All(p => p.First.ExpiresAtUnixSeconds <= p.Second.ExpiresAtUnixSeconds));
        }

        [Fact]
        public void A_prefix_with_glob_characters_matches_only_itself()
        {
            var now = DateTimeOffset.UtcNow;
            var tag = Guid.NewGuid().ToString("N").Substring(0, 6);
            using var star = new RedisSessionStore(RedisOptions(keyPrefix: "pss*" + tag + ":"));
            using var plain = new RedisSessionStore(RedisOptions(keyPrefix: "pssX" + tag + ":"));
            plain.Put(TestSessions.Tls12(now, 60), now);
            var s = TestSessions.Tls12(now, 60);
            star.Put(s, now);
            Assert.Equal(new[] { s.SessionId }, star.LoadUnexpired(now).Select(x => x.SessionId));
        }
    }
}
