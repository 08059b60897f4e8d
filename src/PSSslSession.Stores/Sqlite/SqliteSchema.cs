namespace PSSslSession.Stores.Sqlite
{
    /// <summary>The session database's layout (version <see cref="Version"/>) and the statements the store runs.</summary>
    internal static class SqliteSchema
    {
        /// <summary>Bumped on any incompatible change; a file with another version is refused, never rewritten.</summary>
        public const int Version = 1;

        /// <summary>What meta.application says in a database this module made.</summary>
        public const string Application = "PSSslSession";

        public const string Create = @"
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions(
    protocol INTEGER NOT NULL,
    id       BLOB    NOT NULL,
    sid_ctx  BLOB    NOT NULL,
    expires  INTEGER NOT NULL, -- unix seconds (start + timeout); expired iff now > expires
    der      BLOB    NOT NULL, -- i2d_SSL_SESSION
    PRIMARY KEY(protocol, id));
CREATE INDEX IF NOT EXISTS sessions_expires ON sessions(expires);
INSERT OR IGNORE INTO meta(key, value) VALUES('schema_version', '1');
INSERT OR IGNORE INTO meta(key, value) VALUES('application', 'PSSslSession');";

        public const string ReadVersion = "SELECT value FROM meta WHERE key = 'schema_version';";

        public const string Upsert = @"
INSERT INTO sessions(protocol, id, sid_ctx, expires, der) VALUES($protocol, $id, $sid_ctx, $expires, $der)
ON CONFLICT(protocol, id) DO UPDATE SET sid_ctx = excluded.sid_ctx, expires = excluded.expires, der = excluded.der;";

        public const string GetAnyProtocol =
            "SELECT protocol, der FROM sessions WHERE id = $id AND expires >= $now ORDER BY expires DESC;";

        public const string GetOneProtocol =
            "SELECT protocol, der FROM sessions WHERE id = $id AND protocol = $protocol AND expires >= $now;";

        public const string Delete = "DELETE FROM sessions WHERE protocol = $protocol AND id = $id;";

        public const string LoadUnexpired =
            "SELECT protocol, id, der FROM sessions WHERE expires >= $now ORDER BY expires;";

        /// <summary>Bounded prune: at most $limit expired rows (the expires index makes it O(pruned)).</summary>
        public const string PruneBatch =
            "DELETE FROM sessions WHERE rowid IN (SELECT rowid FROM sessions WHERE expires < $now ORDER BY expires LIMIT $limit);";

        public const string Count = "SELECT COUNT(*) FROM sessions;";
    }
}
