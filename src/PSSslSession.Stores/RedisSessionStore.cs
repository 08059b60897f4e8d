using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using PSSslSession.Codec;
using PSSslSession.Engine;
using PSSslSession.Stores.Redis;

namespace PSSslSession.Stores
{
    /// <summary>
    /// A session cache shared through Redis, in Apache mod_socache_redis' layout: key
    /// <c>&lt;prefix&gt;&lt;lowercase hex id&gt;</c> (default prefix <c>mod_ssl-sess:</c>), value = the DER
    /// (<c>i2d_SSL_SESSION</c>), written with <c>SET key value EX ttl</c> where ttl = whole seconds left.
    /// Fed like OpenSSL's external cache: new-session callback → <see cref="Put"/>, get-session callback → <see cref="Get"/>,
    /// remove callback → <see cref="Remove"/>.
    /// <para>Outages: the first failure is thrown as what it is (Unreachable, Timeout, IoError, …); until a command
    /// succeeds again, calls fail at once with <see cref="SessionStoreError.Unavailable"/> (no network traffic) and at most
    /// one reconnect is tried per back-off interval. The context reports the first failure of an outage as a fault and
    /// counts the rest as store errors. <see cref="State"/> tells what is going on.</para>
    /// <para>The key holds only the id (as mod_socache's does): the same id under two protocol versions shares one key.</para>
    /// </summary>
    public sealed class RedisSessionStore : ISslSessionStore
    {
        /// <summary>Longest TTL written (about 68 years): Redis refuses expiry times that overflow its millisecond clock.</summary>
        public const long MaxTtlSeconds = int.MaxValue;

        private const int ScanBatch = 500;

        private readonly RedisStoreOptions _options;
        private readonly RedisClient _client;
        private readonly byte[] _prefix;
        private long _corruptRecords;

        /// <summary>Creates the store; the connection opens on first use.</summary>
        /// <exception cref="ArgumentException">Bad options (empty host, port out of range, negative database or timeouts).</exception>
        public RedisSessionStore(RedisStoreOptions options) : this(options, null) { }

        internal RedisSessionStore(RedisStoreOptions options, Func<RedisStoreOptions, RespConnection>? connect)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            _options = options.Clone();
            if (string.IsNullOrWhiteSpace(_options.Host)) throw new ArgumentException("A Redis host is required.", nameof(options));
            if (_options.Port < 1 || _options.Port > 65535) throw new ArgumentException($"Port {_options.Port} is out of range (1-65535).", nameof(options));
            if (_options.Database < 0) throw new ArgumentException($"Database {_options.Database} is negative.", nameof(options));
            if (_options.ConnectTimeout < TimeSpan.Zero || _options.OperationTimeout < TimeSpan.Zero || _options.ReconnectDelay < TimeSpan.Zero)
                throw new ArgumentException("Timeouts and the reconnect delay cannot be negative.", nameof(options));
            if (_options.MaxReconnectDelay < _options.ReconnectDelay) _options.MaxReconnectDelay = _options.ReconnectDelay;
            _prefix = Encoding.UTF8.GetBytes(_options.KeyPrefix ?? "");
            _client = new RedisClient(_options, connect);
        }

        /// <summary>"Redis".</summary>
        public string Kind => "Redis";

        /// <summary>The server could not be reached, timed out, or the connection broke: worth trying again later.</summary>
        public bool IsTransient(Exception failure) => failure is SessionStoreException e && e.IsConnectivity;

        /// <summary>"host:port/db".</summary>
        public string Location => _options.Location;

        /// <summary>The key prefix (mod_socache namespace + ':').</summary>
        public string KeyPrefix => _options.KeyPrefix ?? "";

        /// <summary>"Connected", "Not connected yet", or "Disconnected since …: reason; next attempt in n s".</summary>
        public string State => _client.State;

        /// <summary>True: <see cref="LoadUnexpired"/> walks the prefix with <c>SCAN</c>.</summary>
        public bool CanEnumerate => true;

        /// <summary>Values under the prefix that did not decode (Get reports each as a CorruptRecord failure; LoadUnexpired skips them).</summary>
        public long CorruptRecordCount => Interlocked.Read(ref _corruptRecords);

        /// <summary>Number of connections opened (1 while healthy; grows with each reconnect).</summary>
        public int ConnectionCount => _client.ConnectCount;

        /// <summary>The Redis key of a session id: prefix + lowercase hex (mod_socache_redis' layout).</summary>
        public string KeyFor(SessionId sessionId) => KeyPrefix + sessionId.ToLowerHex();

        /// <summary>Checks the server now (<c>PING</c>), connecting if needed; throws what a first failure would.</summary>
        public void Ping() => _client.Execute(Args("PING"), r => r.Kind == RespKind.SimpleString && r.Text == "PONG");

        /// <summary><c>SET key der EX ttl</c> (new-session callback path); ttl = whole seconds left; a session with none left is not written.</summary>
        public void Put(SslSession session, DateTimeOffset now)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            if (session.GetSessionId().IsEmpty)
                throw new SessionStoreException(SessionStoreError.InvalidSession, "A session without an id cannot be stored (OpenSSL never passes one to the external cache).");
            var ttl = TimeToLive(session, now);
            if (ttl <= 0) return;
            var der = StoredSessionCodec.Encode(session);
            _client.Execute(new[] { Ascii("SET"), Key(session.GetSessionId()), der, Ascii("EX"), Ascii(ttl.ToString(CultureInfo.InvariantCulture)) },
                r => r.Kind == RespKind.SimpleString && r.Text == "OK");
        }

        /// <summary><c>GET key</c> and decode (get-session callback path). Null when absent, of another protocol, or expired.</summary>
        /// <exception cref="SessionStoreException"><see cref="SessionStoreError.CorruptRecord"/> when the value does not decode (the key is left alone).</exception>
        public SslSession? Get(SessionId sessionId, SslProtocol? protocol, DateTimeOffset now)
        {
            var reply = _client.Execute(new[] { Ascii("GET"), Key(sessionId) },
                r => r.Kind == RespKind.BulkString || r.Kind == RespKind.Null);
            if (reply.Kind == RespKind.Null) return null;
            var session = Decode(sessionId, reply.Bytes!, now, out var error);
            if (session == null) throw StoredSessionCodec.Corrupt($"under '{KeyFor(sessionId)}' at {Location}", error!);
            if (protocol.HasValue && session.GetProtocol() != protocol.Value) return null;
            return session.IsExpiredAt(now) ? null : session;
        }

        /// <summary><c>DEL key</c> (remove callback path); true when a key was deleted. The protocol is not part of the key.</summary>
        public bool Remove(SessionId sessionId, SslProtocol protocol) =>
            _client.Execute(new[] { Ascii("DEL"), Key(sessionId) }, r => r.Kind == RespKind.Integer).Integer > 0;

        /// <summary>
        /// <c>SCAN 0 MATCH &lt;prefix&gt;* COUNT 500</c> until the cursor returns to 0, then <c>MGET</c> each batch;
        /// values that do not decode are skipped and counted, expired ones left out.
        /// </summary>
        public IReadOnlyList<SslSession> LoadUnexpired(DateTimeOffset now)
        {
            var result = new List<SslSession>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pattern = Ascii(GlobEscape(KeyPrefix) + "*");
            var cursor = "0";
            do
            {
                var page = _client.Execute(new[] { Ascii("SCAN"), Ascii(cursor), Ascii("MATCH"), pattern, Ascii("COUNT"), Ascii(ScanBatch.ToString(CultureInfo.InvariantCulture)) },
                    r => r.Kind == RespKind.Array && r.Items!.Count == 2 && r.Items[0].Kind == RespKind.BulkString &&
                         r.Items[1].Kind == RespKind.Array && AllBulk(r.Items[1]));
                cursor = page.Items![0].Text;
                var keys = new List<byte[]>();
                foreach (var key in page.Items[1].Items!)
                    if (seen.Add(Convert.ToBase64String(key.Bytes!))) keys.Add(key.Bytes!); // SCAN may repeat keys
                if (keys.Count == 0) continue;
                var args = new byte[keys.Count + 1][];
                args[0] = Ascii("MGET");
                keys.CopyTo(args, 1);
                var values = _client.Execute(args, r => r.Kind == RespKind.Array && r.Items!.Count == keys.Count);
                for (int i = 0; i < keys.Count; i++)
                {
                    var value = values.Items![i];
                    if (value.Kind != RespKind.BulkString) continue; // expired or deleted between SCAN and MGET
                    if (!TryIdFromKey(keys[i], out var id)) { Interlocked.Increment(ref _corruptRecords); continue; }
                    var session = Decode(id, value.Bytes!, now, out _);
                    if (session != null && !session.IsExpiredAt(now)) result.Add(session);
                }
            } while (cursor != "0");
            result.Sort((a, b) => a.ExpiresAtUnixSeconds.CompareTo(b.ExpiresAtUnixSeconds));
            return result;
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

        internal RedisClient Client => _client;

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

        private static bool AllBulk(RespValue array)
        {
            foreach (var item in array.Items!) if (item.Kind != RespKind.BulkString) return false;
            return true;
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

        private static byte[][] Args(params string[] args)
        {
            var result = new byte[args.Length][];
            for (int i = 0; i < args.Length; i++) result[i] = Encoding.UTF8.GetBytes(args[i]);
            return result;
        }

        private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);
    }
}
