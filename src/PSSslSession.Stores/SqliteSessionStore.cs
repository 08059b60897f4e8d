using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Microsoft.Data.Sqlite;
using PSSslSession.Codec;
using PSSslSession.Engine;
using PSSslSession.Engine.IO;
using PSSslSession.Stores.Sqlite;

namespace PSSslSession.Stores
{
    /// <summary>
    /// A session cache persisted in a SQLite file (the seeds' "saved to disk": an external cache fed through the
    /// <c>SSL_CTX_sess_set_new_cb</c>/<c>_get_cb</c>/<c>_remove_cb</c> paths). Rows hold the DER
    /// (<c>i2d_SSL_SESSION</c>), id, protocol, session-id context and expiry.
    /// <para>Durability: WAL with <c>synchronous=NORMAL</c>. Every write is one transaction that is in the WAL
    /// when <see cref="Put"/> returns, so a process killed at any point loses no committed session and leaves
    /// no partial row; only an OS crash or power loss may roll back the last commits (a resumption is lost,
    /// never the file). FULL would fsync on every handshake for no gain a session cache needs.</para>
    /// <para>Thread-safe: each operation takes its own connection from the pool; SQLite serialises writers
    /// (<c>BEGIN IMMEDIATE</c> plus a busy timeout) while WAL readers run alongside. Measured against one lock around
    /// every call (4 threads × 1000 put+get, 2 cores): the same throughput within noise, because SQLite's single
    /// writer dominates either way; the pool is kept because readers then never queue behind a writer.</para>
    /// <para>The file holds master keys: it is created owner-only (0600 on Unix), and so are its -wal/-shm files.</para>
    /// </summary>
    public sealed class SqliteSessionStore : ISslSessionBatchStore
    {
        /// <summary>How long a writer waits for another writer's lock before the operation fails with <see cref="SessionStoreError.Timeout"/>.</summary>
        public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

        /// <summary>At most this many expired rows are pruned by one <see cref="Put"/>.</summary>
        public const int PruneBatchSize = 256;

        /// <summary>A <see cref="Put"/> prunes after this many puts, or when <see cref="PruneInterval"/> has passed.</summary>
        public const int PruneEveryPuts = 256;

        /// <summary>A <see cref="Put"/> prunes at least this often (by the caller's clock).</summary>
        public static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

        private readonly string _connectionString;
        private int _putsSincePrune;
        private long _lastPruneUnix;
        private long _corruptRecords;
        private string? _lastCorruptRecord;
        private volatile bool _disposed;

        /// <summary>Opens (or creates) the session database at <paramref name="path"/>, pruning expired rows.</summary>
        /// <exception cref="SessionStoreException">The file cannot be created or opened, or is not a session database of this version.</exception>
        public SqliteSessionStore(string path) : this(path, null) { }

        /// <summary>As <see cref="SqliteSessionStore(string)"/>, with the clock that decides what the open-time prune removes.</summary>
        public SqliteSessionStore(string path, IClock? clock)
        {
            if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("A database file path is required.", nameof(path));
            Location = Path.GetFullPath(path);
            NativeSqliteLoader.EnsureInitialized();
            _connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Location,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Cache = SqliteCacheMode.Private,
                Pooling = true,
                DefaultTimeout = (int)BusyTimeout.TotalSeconds,
            }.ToString();
            Run("open", () =>
            {
                // Nothing is changed until the file is known to be ours or new: a foreign file is refused as it is.
                CheckExistingFile();
                // Create the file owner-only before SQLite opens it: SQLite gives -wal/-shm the database's mode.
                OwnerOnlyFile.EnsureExists(Location);
                RestrictFiles();
                using (var c = Open())
                {
                    Execute(c, null, "PRAGMA journal_mode=WAL;");
                    using (var tx = c.BeginTransaction())
                    {
                        Execute(c, tx, SqliteSchema.Create);
                        var version = Scalar(c, tx, SqliteSchema.ReadVersion);
                        if (!string.Equals(Convert.ToString(version, System.Globalization.CultureInfo.InvariantCulture), SqliteSchema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
                            throw new SessionStoreException(SessionStoreError.IncompatibleSchema,
                                $"'{Location}' is a session database of schema version {version}; this module reads version {SqliteSchema.Version}.");
                        tx.Commit();
                    }
                    var now = (clock ?? SystemClock.Instance).UtcNow.ToUnixTimeSeconds();
                    while (Prune(c, now) == PruneBatchSize) { }
                    _lastPruneUnix = now;
                }
                RestrictFiles();
                return 0;
            });
        }

        /// <summary>Busy or locked (another process holds the file), or an I/O failure: worth trying again later.</summary>
        public bool IsTransient(Exception failure) =>
            failure is SessionStoreException e && (e.Reason == SessionStoreError.Timeout || e.Reason == SessionStoreError.IoError || e.Reason == SessionStoreError.Unavailable);

        /// <summary>"SQLite".</summary>
        public string Kind => "SQLite";

        /// <summary>The database file's full path.</summary>
        public string Location { get; }

        /// <summary>"Open", "Open; N corrupt records skipped (last: …)", or "Disposed".</summary>
        public string State
        {
            get
            {
                if (_disposed) return "Disposed";
                var corrupt = Interlocked.Read(ref _corruptRecords);
                return corrupt == 0 ? "Open" : $"Open; {corrupt} corrupt record(s) skipped (last: {_lastCorruptRecord})";
            }
        }

        /// <summary>True: <see cref="LoadUnexpired"/> lists the file's unexpired sessions.</summary>
        public bool CanEnumerate => true;

        /// <summary>Rows skipped because their DER no longer decodes (they stay in the file until they expire).</summary>
        public long CorruptRecordCount => Interlocked.Read(ref _corruptRecords);

        /// <summary>Where the native SQLite library came from in this process (diagnostics for the packaging layout).</summary>
        public static string NativeLibraryResolution
        {
            get { NativeSqliteLoader.EnsureInitialized(); return NativeSqliteLoader.Resolution; }
        }

        /// <summary>Number of rows, expired ones included (diagnostics).</summary>
        public long Count => Run("count", () => { using (var c = Open()) return Convert.ToInt64(Scalar(c, null, SqliteSchema.Count)); });

        /// <summary>Upserts the session (new-session callback path). A session expired at <paramref name="now"/> is not written.</summary>
        public void Put(SslSession session, DateTimeOffset now)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            PutMany(new[] { session }, now);
        }

        /// <summary>
        /// <see cref="Put"/> for many sessions in one transaction (Add-SslSession of a batch): all are written or, when it
        /// throws, none. Sessions with no time left are skipped, as Put skips them.
        /// </summary>
        public void PutMany(IReadOnlyList<SslSession> sessions, DateTimeOffset now)
        {
            if (sessions == null) throw new ArgumentNullException(nameof(sessions));
            var nowUnix = now.ToUnixTimeSeconds();
            var rows = new List<(SslSession, byte[])>(sessions.Count);
            foreach (var session in sessions)
            {
                if (session == null) throw new ArgumentException("The list holds a null session.", nameof(sessions));
                StoredSessionCodec.RequireId(session);
                if (nowUnix > session.ExpiresAtUnixSeconds) continue;
                rows.Add((session, StoredSessionCodec.Encode(session)));
            }
            if (rows.Count > 0) Write(rows, nowUnix);
        }

        private void Write(IReadOnlyList<(SslSession Session, byte[] Der)> rows, long nowUnix)
        {
            Run("write", () =>
            {
                using (var c = Open())
                using (var tx = c.BeginTransaction()) // BEGIN IMMEDIATE: writers queue on the busy timeout instead of failing on upgrade
                {
                    using (var cmd = Command(c, tx, SqliteSchema.Upsert))
                    {
                        var protocol = cmd.Parameters.Add("$protocol", SqliteType.Integer);
                        var id = cmd.Parameters.Add("$id", SqliteType.Blob);
                        var sidCtx = cmd.Parameters.Add("$sid_ctx", SqliteType.Blob);
                        var expires = cmd.Parameters.Add("$expires", SqliteType.Integer);
                        var der = cmd.Parameters.Add("$der", SqliteType.Blob);
                        foreach (var (session, encoded) in rows)
                        {
                            protocol.Value = session.ProtocolVersion;
                            id.Value = session.GetSessionId().ToArray();
                            sidCtx.Value = session.GetSessionIdContext();
                            expires.Value = session.ExpiresAtUnixSeconds;
                            der.Value = encoded;
                            cmd.ExecuteNonQuery();
                        }
                    }
                    if (PruneDue(nowUnix)) Prune(c, tx, nowUnix);
                    tx.Commit();
                }
                return 0;
            });
        }

        /// <summary>Reads an unexpired session by id (get-session callback path); null protocol = any, latest expiry wins.</summary>
        /// <exception cref="SessionStoreException"><see cref="SessionStoreError.CorruptRecord"/> when the only matching rows no longer decode.</exception>
        public SslSession? Get(SessionId sessionId, SslProtocol? protocol, DateTimeOffset now)
        {
            var rows = Run("read", () =>
            {
                var found = new List<(int Protocol, byte[] Der)>();
                using (var c = Open())
                using (var cmd = Command(c, null, protocol.HasValue ? SqliteSchema.GetOneProtocol : SqliteSchema.GetAnyProtocol))
                {
                    cmd.Parameters.AddWithValue("$id", sessionId.ToArray());
                    cmd.Parameters.AddWithValue("$now", now.ToUnixTimeSeconds());
                    if (protocol.HasValue) cmd.Parameters.AddWithValue("$protocol", protocol.Value.Number);
                    using (var r = cmd.ExecuteReader())
                        while (r.Read()) found.Add((r.GetInt32(0), (byte[])r.GetValue(1)));
                }
                return found;
            });
            Exception? firstError = null;
            foreach (var row in rows)
            {
                var session = Decode(row.Protocol, sessionId, row.Der, now, out var error);
                if (session != null) return session;
                firstError ??= error;
            }
            if (firstError != null) throw StoredSessionCodec.Corrupt($"{sessionId} in '{Location}'", firstError);
            return null;
        }

        /// <summary>Deletes the row for (protocol, id) (remove-session callback path).</summary>
        public bool Remove(SessionId sessionId, SslProtocol protocol) => Run("delete", () =>
        {
            using (var c = Open())
            using (var tx = c.BeginTransaction())
            using (var cmd = Command(c, tx, SqliteSchema.Delete))
            {
                cmd.Parameters.AddWithValue("$protocol", protocol.Number);
                cmd.Parameters.AddWithValue("$id", sessionId.ToArray());
                var n = cmd.ExecuteNonQuery();
                tx.Commit();
                return n > 0;
            }
        });

        /// <summary>Every row with <c>expires &gt;= now</c>, earliest expiry first; rows that no longer decode are skipped and counted.</summary>
        public IReadOnlyList<SslSession> LoadUnexpired(DateTimeOffset now)
        {
            var rows = Run("read", () =>
            {
                var found = new List<(int Protocol, byte[] Id, byte[] Der)>();
                using (var c = Open())
                using (var cmd = Command(c, null, SqliteSchema.LoadUnexpired))
                {
                    cmd.Parameters.AddWithValue("$now", now.ToUnixTimeSeconds());
                    using (var r = cmd.ExecuteReader())
                        while (r.Read()) found.Add((r.GetInt32(0), (byte[])r.GetValue(1), (byte[])r.GetValue(2)));
                }
                return found;
            });
            var sessions = new List<SslSession>(rows.Count);
            foreach (var row in rows)
            {
                SessionId id;
                try { id = new SessionId(row.Id); }
                catch (ArgumentException ex) { CountCorrupt(Hex.ToUpper(row.Id), ex); continue; }
                var session = Decode(row.Protocol, id, row.Der, now, out _);
                if (session != null) sessions.Add(session);
            }
            return sessions;
        }

        /// <summary>Returns pooled connections (closing the file); later calls fail with <see cref="SessionStoreError.Disposed"/>.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            using (var c = new SqliteConnection(_connectionString)) SqliteConnection.ClearPool(c);
        }

        /// <summary>"SQLite" and the file path.</summary>
        public override string ToString() => $"SQLite {Location}";

        private SslSession? Decode(int protocol, SessionId id, byte[] der, DateTimeOffset now, out Exception? error)
        {
            var session = StoredSessionCodec.TryDecode(der, now, out error);
            if (session != null && (session.ProtocolVersion != protocol || session.GetSessionId() != id))
            {
                // The row's key columns and its DER disagree: someone edited the file; trust neither.
                error = new FormatException($"the DER holds {session.Protocol} {session.SessionId}, the row says 0x{protocol:X4} {id}");
                session = null;
            }
            if (session == null) CountCorrupt(id.ToString(), error!);
            return session;
        }

        private void CountCorrupt(string id, Exception error)
        {
            Interlocked.Increment(ref _corruptRecords);
            _lastCorruptRecord = $"{id}: {error.Message}";
        }

        private bool PruneDue(long nowUnix)
        {
            if (Interlocked.Increment(ref _putsSincePrune) < PruneEveryPuts &&
                nowUnix - Interlocked.Read(ref _lastPruneUnix) < (long)PruneInterval.TotalSeconds)
                return false;
            Interlocked.Exchange(ref _putsSincePrune, 0);
            Interlocked.Exchange(ref _lastPruneUnix, nowUnix);
            return true;
        }

        private static int Prune(SqliteConnection c, long nowUnix)
        {
            using (var tx = c.BeginTransaction())
            {
                var n = Prune(c, tx, nowUnix);
                tx.Commit();
                return n;
            }
        }

        private static int Prune(SqliteConnection c, SqliteTransaction tx, long nowUnix)
        {
            using (var cmd = Command(c, tx, SqliteSchema.PruneBatch))
            {
                cmd.Parameters.AddWithValue("$now", nowUnix);
                cmd.Parameters.AddWithValue("$limit", PruneBatchSize);
                return cmd.ExecuteNonQuery();
            }
        }

        private SqliteConnection Open()
        {
            if (_disposed) throw new SessionStoreException(SessionStoreError.Disposed, $"The SQLite session store '{Location}' was disposed.");
            var c = new SqliteConnection(_connectionString);
            try
            {
                c.Open();
                // Per connection (pooled ones keep them; re-stating is cheap): see the class remarks for NORMAL.
                Execute(c, null, "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=" + (int)BusyTimeout.TotalMilliseconds + ";");
                return c;
            }
            catch
            {
                c.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Refuses, untouched, whatever is not a regular file or not empty and not a session database of this module:
        /// a device, pipe, folder or link (NotARegularFile), a file of another kind or a SQLite database of another
        /// application (IncompatibleSchema). Reads only, read-only.
        /// </summary>
        private void CheckExistingFile()
        {
            var kind = FileKinds.Of(Location);
            if (kind == FileKind.Missing) return;
            if (kind != FileKind.Regular)
                throw new SessionStoreException(SessionStoreError.NotARegularFile,
                    $"'{Location}' is {FileKinds.Describe(kind)}, not a regular file: a session store is a regular file; nothing was changed.");
            if (new FileInfo(Location).Length == 0) return;
            var readOnly = new SqliteConnectionStringBuilder { DataSource = Location, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
            try
            {
                using (var c = new SqliteConnection(readOnly))
                {
                    c.Open();
                    var tables = new List<string>();
                    using (var cmd = Command(c, null, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;"))
                    using (var rows = cmd.ExecuteReader())
                        while (rows.Read()) tables.Add(rows.GetString(0));
                    var application = tables.Contains("meta") ? Scalar(c, null, "SELECT value FROM meta WHERE key = 'application';") as string : null;
                    if (application != SqliteSchema.Application || !tables.Contains("sessions"))
                        throw new SessionStoreException(SessionStoreError.IncompatibleSchema,
                            $"'{Location}' is a SQLite database of another application (tables: {(tables.Count == 0 ? "none" : string.Join(", ", tables))}); it was left as it is. Give a new file or one this module made.");
                }
            }
            catch (SqliteException ex) when ((ex.SqliteErrorCode & 0xFF) == 26 || (ex.SqliteErrorCode & 0xFF) == 11)
            {
                throw new SessionStoreException(SessionStoreError.IncompatibleSchema,
                    $"'{Location}' is not a SQLite database; it was left as it is. Give a new file or one this module made.", ex);
            }
        }

        private void RestrictFiles()
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                if (File.Exists(Location + suffix)) OwnerOnlyFile.Restrict(Location + suffix);
        }

        private static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql)
        {
            var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.Transaction = tx;
            return cmd;
        }

        private static void Execute(SqliteConnection c, SqliteTransaction? tx, string sql)
        {
            using (var cmd = Command(c, tx, sql)) cmd.ExecuteNonQuery();
        }

        private static object? Scalar(SqliteConnection c, SqliteTransaction? tx, string sql)
        {
            using (var cmd = Command(c, tx, sql)) return cmd.ExecuteScalar();
        }

        /// <summary>Runs a database step, turning every SQLite and file failure into a <see cref="SessionStoreException"/>.</summary>
        private T Run<T>(string what, Func<T> step)
        {
            try
            {
                return step();
            }
            catch (SessionStoreException)
            {
                throw;
            }
            catch (SqliteException ex)
            {
                throw new SessionStoreException(Classify(ex.SqliteErrorCode),
                    $"SQLite session store '{Location}': {what} failed: {ex.Message}", ex);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException)
            {
                throw new SessionStoreException(SessionStoreError.IoError, $"SQLite session store '{Location}': {what} failed: {ex.Message}", ex);
            }
        }

        private static SessionStoreError Classify(int sqliteCode)
        {
            switch (sqliteCode & 0xFF) // primary result code
            {
                case 5: // SQLITE_BUSY
                case 6: // SQLITE_LOCKED
                    return SessionStoreError.Timeout;
                case 11: // SQLITE_CORRUPT
                case 26: // SQLITE_NOTADB
                    return SessionStoreError.IncompatibleSchema;
                default: // CANTOPEN, IOERR, FULL, READONLY, PERM, …
                    return SessionStoreError.IoError;
            }
        }
    }
}
