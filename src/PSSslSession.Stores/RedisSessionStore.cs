using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using PSSslSession.Codec;
using PSSslSession.Engine;
using PSSslSession.Stores.Redis;

namespace PSSslSession.Stores
{
    /// <summary>
    /// A session cache shared through Redis (one server, or a Redis Cluster given by some of its nodes), in Apache
    /// mod_socache_redis' layout: key <c>&lt;prefix&gt;&lt;lowercase hex id&gt;</c> (default prefix <c>mod_ssl-sess:</c>), value =
    /// the DER (<c>i2d_SSL_SESSION</c>), written with <c>SET key value EX ttl</c> where ttl = whole seconds left.
    /// Fed like OpenSSL's external cache: new-session callback → <see cref="Put"/>, get-session callback → <see cref="Get"/>,
    /// remove callback → <see cref="Remove"/>. The client is StackExchange.Redis: it discovers a cluster's topology, spreads
    /// the keys over the slots, follows MOVED/ASK and a primary failover, and reconnects in the background.
    /// <para>Outages: the first failure is thrown as what it is (Unreachable, Timeout, IoError, AuthFailed…); until the servers
    /// answer again, calls fail at once with <see cref="SessionStoreError.Unavailable"/> (no waiting per call). The context
    /// reports the first failure of an outage as a fault and counts the rest as store errors. <see cref="State"/> tells what
    /// is going on.</para>
    /// <para>The key holds only the id (as mod_socache's does): the same id under two protocol versions shares one key.</para>
    /// </summary>
    public sealed class RedisSessionStore : ISslSessionBatchStore
    {
        /// <summary>Longest TTL written (about 68 years): Redis refuses expiry times that overflow its millisecond clock.</summary>
        public const long MaxTtlSeconds = int.MaxValue;

        private const int ScanBatch = 500;

        private readonly RedisStoreOptions _options;
        private readonly RedisOutageGate _client;
        private readonly byte[] _prefix;
        private long _corruptRecords;

        /// <summary>Creates the store; the connection opens on first use.</summary>
        /// <exception cref="ArgumentException">Bad options (empty host, port out of range, negative database or timeouts).</exception>
        /// <exception cref="SessionStoreException"><see cref="SessionStoreError.IoError"/> when the Redis client cannot be loaded.</exception>
        public RedisSessionStore(RedisStoreOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            _options = options.Clone();
            if (string.IsNullOrWhiteSpace(_options.Host)) throw new ArgumentException("A Redis host is required.", nameof(options));
            foreach (var server in _options.Servers)
            {
                if (string.IsNullOrWhiteSpace(server.Host)) throw new ArgumentException("A Redis host is required.", nameof(options));
                if (server.Port < 1 || server.Port > 65535) throw new ArgumentException($"Port {server.Port} is out of range (1-65535).", nameof(options));
            }
            if (_options.Database < 0) throw new ArgumentException($"Database {_options.Database} is negative.", nameof(options));
            if (_options.ConnectTimeout < TimeSpan.Zero || _options.OperationTimeout < TimeSpan.Zero || _options.ReconnectDelay < TimeSpan.Zero)
                throw new ArgumentException("Timeouts and the reconnect delay cannot be negative.", nameof(options));
            if (_options.MaxReconnectDelay < _options.ReconnectDelay) _options.MaxReconnectDelay = _options.ReconnectDelay;
            _prefix = Encoding.UTF8.GetBytes(_options.KeyPrefix ?? "");
            _client = new RedisOutageGate(RedisCommandsLoader.Create(_options), _options.Location);
        }

        /// <summary>"Redis".</summary>
        public string Kind => "Redis";

        /// <summary>The server could not be reached, timed out, or the connection broke: worth trying again later.</summary>
        public bool IsTransient(Exception failure) => failure is SessionStoreException e && e.IsConnectivity;

        /// <summary>"host:port/db", or "host1:port1,host2:port2/db" for several servers.</summary>
        public string Location => _options.Location;

        /// <summary>The key prefix (mod_socache namespace + ':').</summary>
        public string KeyPrefix => _options.KeyPrefix ?? "";

        /// <summary>"Connected", "Not connected yet", or "Disconnected since …: reason; …".</summary>
        public string State => _client.State;

        /// <summary>True: <see cref="LoadUnexpired"/> walks the prefix with <c>SCAN</c> (on every primary of a cluster).</summary>
        public bool CanEnumerate => true;

        /// <summary>Values under the prefix that did not decode (Get reports each as a CorruptRecord failure; LoadUnexpired skips them).</summary>
        public long CorruptRecordCount => Interlocked.Read(ref _corruptRecords);

        /// <summary>Number of connections opened (one per server while healthy; grows with each reconnect).</summary>
        public int ConnectionCount => _client.Commands.ConnectCount;

        /// <summary>The Redis key of a session id: prefix + lowercase hex (mod_socache_redis' layout).</summary>
        public string KeyFor(SessionId sessionId) => KeyPrefix + sessionId.ToLowerHex();

        /// <summary>Checks the server now (<c>PING</c>), connecting if needed; throws what a first failure would.</summary>
        public void Ping() => _client.Execute("PING", c => { c.Ping(); return true; });

        /// <summary><c>SET key der EX ttl</c> (new-session callback path); ttl = whole seconds left; a session with none left is not written.</summary>
        public void Put(SslSession session, DateTimeOffset now)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            PutMany(new[] { session }, now);
        }

        /// <summary>
        /// <see cref="Put"/> for each session, the <c>SET</c>s pipelined (a batch of new entries from one
        /// <c>SslContext.AddRange</c>). Not atomic as a SQLite transaction is: when it throws, part may be written, and the
        /// context writes the batch again (every <c>SET</c> is idempotent). Every session is checked before anything is sent.
        /// </summary>
        public void PutMany(IReadOnlyList<SslSession> sessions, DateTimeOffset now)
        {
            if (sessions == null) throw new ArgumentNullException(nameof(sessions));
            var keys = new List<byte[]>(sessions.Count);
            var values = new List<byte[]>(sessions.Count);
            var ttls = new List<long>(sessions.Count);
            foreach (var session in sessions)
            {
                if (session == null) throw new ArgumentException("The list holds a null session.", nameof(sessions));
                StoredSessionCodec.RequireId(session);
                var ttl = TimeToLive(session, now);
                if (ttl <= 0) continue;
                keys.Add(Key(session.GetSessionId()));
                values.Add(StoredSessionCodec.Encode(session));
                ttls.Add(ttl);
            }
            if (keys.Count > 0) _client.Execute("SET", c => { c.SetMany(keys, values, ttls); return true; });
        }

        /// <summary><c>GET key</c> and decode (get-session callback path). Null when absent, of another protocol, or expired.</summary>
        /// <exception cref="SessionStoreException"><see cref="SessionStoreError.CorruptRecord"/> when the value does not decode (the key is left alone).</exception>
        public SslSession? Get(SessionId sessionId, SslProtocol? protocol, DateTimeOffset now)
        {
            var key = Key(sessionId);
            var value = _client.Execute("GET", c => c.Get(key));
            if (value == null) return null;
            var session = Decode(sessionId, value, now, out var error);
            if (session == null) throw StoredSessionCodec.Corrupt($"under '{KeyFor(sessionId)}' at {Location}", error!);
            if (protocol.HasValue && session.GetProtocol() != protocol.Value) return null;
            return session.IsExpiredAt(now) ? null : session;
        }

        /// <summary><c>DEL key</c> (remove callback path); true when a key was deleted. The protocol is not part of the key.</summary>
        public bool Remove(SessionId sessionId, SslProtocol protocol)
        {
            var key = Key(sessionId);
            return _client.Execute("DEL", c => c.Delete(key));
        }

        /// <summary>
        /// <c>SCAN 0 MATCH &lt;prefix&gt;* COUNT 500</c> on every primary until each cursor returns to 0, and <c>GET</c> of each
        /// key found; values that do not decode are skipped and counted, expired ones left out.
        /// </summary>
        public IReadOnlyList<SslSession> LoadUnexpired(DateTimeOffset now)
        {
            var pattern = Encoding.UTF8.GetBytes(GlobEscape(KeyPrefix) + "*");
            return _client.Execute("SCAN", c =>
            {
                var result = new List<SslSession>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var entry in c.Scan(pattern, ScanBatch))
                {
                    if (!seen.Add(Convert.ToBase64String(entry.Key))) continue; // SCAN may repeat keys
                    if (entry.Value == null) continue; // expired or deleted between SCAN and GET
                    if (!TryIdFromKey(entry.Key, out var id)) { Interlocked.Increment(ref _corruptRecords); continue; }
                    var session = Decode(id, entry.Value, now, out _);
                    if (session != null && !session.IsExpiredAt(now)) result.Add(session);
                }
                result.Sort((x, y) => x.ExpiresAtUnixSeconds.CompareTo(y.ExpiresAtUnixSeconds));
                return (IReadOnlyList<SslSession>)result;
            });
        }

        /// <summary>Closes the connection; later calls fail with <see cref="SessionStoreError.Disposed"/>.</summary>
        public void Dispose() => _client.Dispose();

        /// <summary>"Redis host:port/db (prefix*)".</summary>
        public override string ToString() => $"Redis {Location} ({KeyPrefix}*)";

        /// <summary>Seconds left, as mod_socache computes the expiry it passes to Redis, capped at <see cref="MaxTtlSeconds"/>.</summary>
        internal static long TimeToLive(SslSession session, DateTimeOffset now)
        {
            var left = session.ExpiresAtUnixSeconds - now.ToUnixTimeSeconds();
            if (session.ExpiresAtUnixSeconds == long.MaxValue || left > MaxTtlSeconds) return MaxTtlSeconds;
            return left;
        }

        internal byte[] Key(SessionId id)
        {
            var hex = Ascii(id.ToLowerHex());
            var key = new byte[_prefix.Length + hex.Length];
            Buffer.BlockCopy(_prefix, 0, key, 0, _prefix.Length);
            Buffer.BlockCopy(hex, 0, key, _prefix.Length, hex.Length);
            return key;
        }

        private bool TryIdFromKey(byte[] key, out SessionId id)
        {
            id = SessionId.Empty;
            if (key.Length < _prefix.Length) return false;
            for (int i = 0; i < _prefix.Length; i++) if (key[i] != _prefix[i]) return false;
            var hex = Encoding.ASCII.GetString(key, _prefix.Length, key.Length - _prefix.Length);
            return hex.Length > 0 && SessionId.TryParse(hex, out id) && id.ToLowerHex() == hex;
        }

        private SslSession? Decode(SessionId id, byte[] der, DateTimeOffset now, out Exception? error)
        {
            var session = StoredSessionCodec.TryDecode(der, now, out error);
            if (session != null && session.GetSessionId() != id)
            {
                error = new FormatException($"the value holds session {session.SessionId}, the key names {id}");
                session = null;
            }
            if (session == null) Interlocked.Increment(ref _corruptRecords);
            return session;
        }

        private static string GlobEscape(string s)
        {
            var sb = new StringBuilder(s.Length);
            foreach (var c in s)
            {
                if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') sb.Append('\\');
                sb.Append(c);
            }
            return sb.ToString();
        }

        private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);
    }
}
