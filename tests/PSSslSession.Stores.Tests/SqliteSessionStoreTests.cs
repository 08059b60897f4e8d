using Microsoft.Data.Sqlite;
using PSSslSession.Codec;
using Xunit;

namespace PSSslSession.Stores.Tests
{
    public sealed class SqliteSessionStoreTests : IDisposable
    {
        private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        private readonly TempFolder _folder = StoreTestEnvironment.NewFolder();

        public void Dispose() => _folder.Dispose();

        private SqliteSessionStore Open(string name = "sessions.db") => new SqliteSessionStore(_folder.File(name));

        [Fact]
        public void Kind_is_SQLite_and_Location_is_the_full_path()
        {
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, _folder.File("rel.db"));
            using var store = new SqliteSessionStore(relative);
            Assert.Equal("SQLite", store.Kind);
            Assert.Equal(_folder.File("rel.db"), store.Location);
            Assert.True(store.CanEnumerate);
            Assert.Equal("Open", store.State);
        }

        [Fact]
        public void Put_then_Get_returns_the_same_DER()
        {
            using var store = Open();
            var session = TestSessions.Tls12(Now);
            store.Put(session, Now);
            var back = store.Get(session.GetSessionId(), session.GetProtocol(), Now);
            Assert.NotNull(back);
            Assert.Equal(SslSessionCodec.Encode(session), SslSessionCodec.Encode(back!));
        }

        [Fact]
        public void PutMany_writes_every_session_with_time_left()
        {
            using var store = Open();
            var live = Enumerable.Range(0, 50).Select(_ => TestSessions.Tls12(Now, 100)).ToList();
            var expired = TestSessions.Tls12(Now.AddSeconds(-1000), 10);

            store.PutMany(live.Append(expired).ToList(), Now);

            Assert.All(live, s => Assert.NotNull(store.Get(s.GetSessionId(), s.GetProtocol(), Now)));
            Assert.Equal(50, store.LoadUnexpired(Now).Count);
        }

        [Fact]
        public void PutMany_with_a_session_it_cannot_store_writes_none_of_them()
        {
            using var store = Open();
            var good = TestSessions.Tls12(Now, 100);
            var noId = TestSessions.Tls12(Now, 100, id: Array.Empty<byte>());

            var e = Assert.Throws<SessionStoreException>(() => store.PutMany(new[] { good, noId }, Now));

            Assert.Equal(SessionStoreError.InvalidSession, e.Reason);
            Assert.Null(store.Get(good.GetSessionId(), good.GetProtocol(), Now));
        }

        [Fact]
        public void Put_of_the_same_key_replaces_the_row()
        {
            using var store = Open();
            var id = TestSessions.RandomId();
            store.Put(TestSessions.Tls12(Now, 100, id), Now);
            var second = TestSessions.Tls12(Now, 900, id);
            store.Put(second, Now);
            Assert.Equal(1, store.Count);
            Assert.Equal(second.ExpiresAtUnixSeconds, store.Get(second.GetSessionId(), second.GetProtocol(), Now)!.ExpiresAtUnixSeconds);
        }

        [Fact]
        public void Same_id_under_two_protocols_is_two_rows()
        {
            using var store = Open();
            var id = TestSessions.RandomId();
            store.Put(TestSessions.Tls12(Now, 100, id), Now);
            store.Put(TestSessions.Tls13(Now, 100, id), Now);
            Assert.Equal(2, store.Count);
            Assert.Equal(SslProtocol.TLSv13, store.Get(new SessionId(id), SslProtocol.TLSv13, Now)!.GetProtocol());
            Assert.Equal(SslProtocol.TLSv12, store.Get(new SessionId(id), SslProtocol.TLSv12, Now)!.GetProtocol());
        }

        [Fact]
        public void Get_without_protocol_returns_the_match_that_expires_last()
        {
            using var store = Open();
            var id = TestSessions.RandomId();
            store.Put(TestSessions.Tls12(Now, 100, id), Now);
            store.Put(TestSessions.Tls13(Now, 500, id), Now);
            Assert.Equal(SslProtocol.TLSv13, store.Get(new SessionId(id), null, Now)!.GetProtocol());
        }

        [Fact]
        public void Get_of_an_unknown_id_is_null()
        {
            using var store = Open();
            Assert.Null(store.Get(new SessionId(TestSessions.RandomId()), null, Now));
        }

        [Fact]
        public void A_session_is_still_returned_at_exactly_its_expiry_and_not_one_second_later()
        {
            using var store = Open();
            var session = TestSessions.Tls12(Now, 60);
            store.Put(session, Now);
            Assert.NotNull(store.Get(session.GetSessionId(), null, Now.AddSeconds(60)));
            Assert.Null(store.Get(session.GetSessionId(), null, Now.AddSeconds(61)));
        }

        [Fact]
        public void Put_of_an_expired_session_writes_nothing()
        {
            using var store = Open();
            store.Put(TestSessions.Tls12(Now.AddSeconds(-100), 60), Now);
            Assert.Equal(0, store.Count);
        }

        [Fact]
        public void Put_of_a_session_without_id_is_an_InvalidSession_error()
        {
            using var store = Open();
            var session = TestSessions.Tls12(Now, 60, Array.Empty<byte>());
            var ex = Assert.Throws<SessionStoreException>(() => store.Put(session, Now));
            Assert.Equal(SessionStoreError.InvalidSession, ex.Reason);
        }

        [Fact]
        public void Remove_deletes_only_the_given_protocol()
        {
            using var store = Open();
            var id = TestSessions.RandomId();
            store.Put(TestSessions.Tls12(Now, 100, id), Now);
            store.Put(TestSessions.Tls13(Now, 100, id), Now);
            Assert.True(store.Remove(new SessionId(id), SslProtocol.TLSv12));
            Assert.False(store.Remove(new SessionId(id), SslProtocol.TLSv12));
            Assert.Null(store.Get(new SessionId(id), SslProtocol.TLSv12, Now));
            Assert.NotNull(store.Get(new SessionId(id), SslProtocol.TLSv13, Now));
        }

        [Fact]
        public void LoadUnexpired_returns_rows_with_expiry_at_or_after_now_earliest_first()
        {
            using var store = Open();
            var late = TestSessions.Tls12(Now, 500);
            var early = TestSessions.Tls13(Now, 100);
            var exact = TestSessions.Tls12(Now.AddSeconds(-50), 50);
            store.Put(late, Now);
            store.Put(early, Now);
            store.Put(exact, Now);
            store.Put(TestSessions.Tls12(Now, 10), Now); // expired at Now+20
            var loaded = store.LoadUnexpired(Now.AddSeconds(20));
            Assert.Equal(new[] { early.SessionId, late.SessionId }, loaded.Select(s => s.SessionId));
            Assert.Equal(4, store.LoadUnexpired(Now).Count);
        }

        [Fact]
        public void Sessions_and_their_expiry_survive_reopening_the_file()
        {
            var session = TestSessions.Tls12(Now, 3600, sidCtx: new byte[] { 1, 2, 3 });
            using (var store = Open()) store.Put(session, Now);
            using (var reopened = Open())
            {
                var back = Assert.Single(reopened.LoadUnexpired(Now));
                Assert.Equal(session.ExpiresAtUnixSeconds, back.ExpiresAtUnixSeconds);
                Assert.Equal(session.SessionIdContext, back.SessionIdContext);
                Assert.Equal(session.MasterKey.ToArray(), back.MasterKey.ToArray());
            }
        }

        [Fact]
        public void Opening_the_file_prunes_expired_rows()
        {
            var path = _folder.File("prune.db");
            var old = DateTimeOffset.UtcNow.AddHours(-2);
            using (var store = new SqliteSessionStore(path))
            {
                store.Put(TestSessions.Tls12(old, 60), old);
                store.Put(TestSessions.Tls12(DateTimeOffset.UtcNow, 3600), DateTimeOffset.UtcNow);
                Assert.Equal(2, store.Count);
            }
            using var reopened = new SqliteSessionStore(path);
            Assert.Equal(1, reopened.Count);
        }

        [Fact]
        public void Put_prunes_expired_rows_in_bounded_batches()
        {
            using var store = Open();
            for (int i = 0; i < SqliteSessionStore.PruneBatchSize + 10; i++) store.Put(TestSessions.Tls12(Now, 10), Now);
            var later = Now.Add(SqliteSessionStore.PruneInterval).AddSeconds(1);
            store.Put(TestSessions.Tls12(later, 10), later);
            // One put removes at most one batch: the rest waits for later puts.
            Assert.Equal(10 + 1, store.Count);
        }

        [Fact]
        public void The_schema_has_the_documented_columns_index_and_version()
        {
            var path = _folder.File("schema.db");
            using (Open("schema.db")) { }
            using var c = new SqliteConnection("Data Source=" + path);
            c.Open();
            var columns = Query(c, "SELECT name || ':' || type || ':' || pk FROM pragma_table_info('sessions') ORDER BY cid");
            Assert.Equal(new[] { "protocol:INTEGER:1", "id:BLOB:2", "sid_ctx:BLOB:0", "expires:INTEGER:0", "der:BLOB:0" }, columns);
            Assert.Contains("sessions_expires", Query(c, "SELECT name FROM sqlite_master WHERE type = 'index'"));
            Assert.Equal(new[] { "1" }, Query(c, "SELECT value FROM meta WHERE key = 'schema_version'"));
            Assert.Equal(new[] { "wal" }, Query(c, "PRAGMA journal_mode"));
        }

        [Fact]
        public void A_file_of_another_schema_version_is_refused()
        {
            var path = _folder.File("future.db");
            using (Open("future.db")) { }
            Exec(path, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
            var ex = Assert.Throws<SessionStoreException>(() => new SqliteSessionStore(path));
            Assert.Equal(SessionStoreError.IncompatibleSchema, ex.Reason);
        }

        [Fact]
        public void A_file_that_is_not_a_database_is_refused_with_a_store_error()
        {
            var path = _folder.File("text.db");
            File.WriteAllText(path, new string('x', 4096));
            var ex = Assert.Throws<SessionStoreException>(() => new SqliteSessionStore(path));
            Assert.Equal(SessionStoreError.IncompatibleSchema, ex.Reason);
        }

        [Fact]
        public void A_missing_folder_is_an_IoError()
        {
            var ex = Assert.Throws<SessionStoreException>(() => new SqliteSessionStore(_folder.File("no/such/dir/x.db")));
            Assert.Equal(SessionStoreError.IoError, ex.Reason);
        }

        [Fact]
        public void Rows_whose_DER_does_not_decode_are_skipped_and_counted_by_LoadUnexpired()
        {
            var path = _folder.File("corrupt.db");
            var good = TestSessions.Tls12(Now, 600);
            var bad = TestSessions.Tls12(Now, 600);
            using (var store = new SqliteSessionStore(path)) { store.Put(good, Now); store.Put(bad, Now); }
            Exec(path, "UPDATE sessions SET der = X'3003020101' WHERE id = X'" + bad.SessionId + "'");
            using var reopened = new SqliteSessionStore(path);
            var loaded = reopened.LoadUnexpired(Now);
            Assert.Equal(new[] { good.SessionId }, loaded.Select(s => s.SessionId));
            Assert.Equal(1, reopened.CorruptRecordCount);
            Assert.StartsWith("Open; 1 corrupt record", reopened.State);
        }

        [Fact]
        public void Get_of_a_row_whose_DER_does_not_decode_is_a_CorruptRecord_error()
        {
            var path = _folder.File("corrupt-get.db");
            var bad = TestSessions.Tls12(Now, 600);
            using var store = new SqliteSessionStore(path);
            store.Put(bad, Now);
            Exec(path, "UPDATE sessions SET der = X'00' WHERE id = X'" + bad.SessionId + "'");
            var ex = Assert.Throws<SessionStoreException>(() => store.Get(bad.GetSessionId(), null, Now));
            Assert.Equal(SessionStoreError.CorruptRecord, ex.Reason);
            Assert.Equal(1, store.CorruptRecordCount);
        }

        [Fact]
        public void A_row_whose_DER_names_another_session_is_treated_as_corrupt()
        {
            var path = _folder.File("swapped.db");
            var a = TestSessions.Tls12(Now, 600);
            var b = TestSessions.Tls12(Now, 600);
            using var store = new SqliteSessionStore(path);
            store.Put(a, Now);
            store.Put(b, Now);
            Exec(path, "UPDATE sessions SET der = (SELECT der FROM sessions WHERE id = X'" + b.SessionId + "') WHERE id = X'" + a.SessionId + "'");
            Assert.Equal(SessionStoreError.CorruptRecord, Assert.Throws<SessionStoreException>(() => store.Get(a.GetSessionId(), null, Now)).Reason);
        }

        [Fact]
        public void Operations_after_Dispose_fail_with_Disposed()
        {
            var store = Open();
            store.Dispose();
            Assert.Equal("Disposed", store.State);
            var ex = Assert.Throws<SessionStoreException>(() => store.Get(new SessionId(TestSessions.RandomId()), null, Now));
            Assert.Equal(SessionStoreError.Disposed, ex.Reason);
        }

        [Fact]
        public void Four_threads_writing_at_once_lose_no_session()
        {
            using var store = Open();
            const int perThread = 100;
            var written = new System.Collections.Concurrent.ConcurrentBag<SslSession>();
            var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
            {
                for (int i = 0; i < perThread; i++)
                {
                    var s = i % 2 == 0 ? TestSessions.Tls12(Now, 600) : TestSessions.Tls13(Now, 600);
                    store.Put(s, Now);
                    written.Add(s);
                    if (i % 10 == 0) store.Get(s.GetSessionId(), null, Now);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.Equal(4 * perThread, store.Count);
            var loaded = store.LoadUnexpired(Now).Select(s => s.SessionId).ToHashSet();
            Assert.All(written, s => Assert.Contains(s.SessionId, loaded));
        }

        private static List<string> Query(SqliteConnection c, string sql)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            using var r = cmd.ExecuteReader();
            var rows = new List<string>();
            while (r.Read()) rows.Add(Convert.ToString(r.GetValue(0))!);
            return rows;
        }

        private static void Exec(string path, string sql)
        {
            using var c = new SqliteConnection("Data Source=" + path + ";Pooling=False");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
    }
}
