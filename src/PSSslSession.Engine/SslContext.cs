using System;
using System.Collections.Generic;
using PSSslSession.Codec;

namespace PSSslSession.Engine
{
    /// <summary>
    /// A TLS context's session cache (OpenSSL <c>SSL_CTX</c> with its session cache, §B of the spec).
    /// Thread-safe; callbacks and store writes never run under an engine lock.
    /// TEMPORARY: public surface only; the engine work fills in the bodies.
    /// </summary>
    public sealed class SslContext : IDisposable
    {
        /// <summary>SSL_SESSION_CACHE_MAX_SIZE_DEFAULT.</summary>
        public const int DefaultCacheSize = 20480;

        /// <summary>The TLS/DTLS methods' default session timeout (7200 s).</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(7200);

        public SslContext(string name, IClock? clock = null) { Name = name; Clock = clock ?? SystemClock.Instance; }

        public string Name { get; }
        public IClock Clock { get; }
        /// <summary>SSL_CTX_set_session_cache_mode (default Server).</summary>
        public SslSessionCacheMode CacheMode { get; set; } = SslSessionCacheMode.Server;
        /// <summary>SSL_CTX_sess_set_cache_size; 0 = unlimited; negative → <see cref="SslContextException"/>.</summary>
        public int CacheSize { get => throw new NotImplementedException(); set => throw new NotImplementedException(); }
        /// <summary>SSL_CTX_set_timeout; zero means "the method default (7200 s)" for new sessions.</summary>
        public TimeSpan Timeout { get => throw new NotImplementedException(); set => throw new NotImplementedException(); }
        /// <summary>SSL_CTX_set_session_id_context (≤ 32 bytes).</summary>
        public byte[] SessionIdContext { get => throw new NotImplementedException(); set => throw new NotImplementedException(); }
        /// <summary>Prefix for generated ids (the man page's "www-18" example), clipped to the id length; null = none.</summary>
        public byte[]? SessionIdPrefix { get; set; }
        /// <summary>SSL_CTX_set_generate_session_id; null = CSPRNG.</summary>
        public SessionIdGenerator? SessionIdGenerator { get; set; }
        /// <summary>The attached external store, or null.</summary>
        public ISslSessionStore? Store => throw new NotImplementedException();
        /// <summary>Keep OpenSSL 3.0's size−1 effective capacity (off: a cache of size N holds N).</summary>
        public bool OpenSslCapacityQuirk { get; set; }
        /// <summary>SSL_CTX_sess_number.</summary>
        public int Count => throw new NotImplementedException();
        /// <summary>True after <see cref="Close"/>.</summary>
        public bool IsClosed => throw new NotImplementedException();
        /// <summary>Registered callbacks, in registration order.</summary>
        public IReadOnlyList<SessionCallbackRegistration> Callbacks => throw new NotImplementedException();

        /// <summary>Attaches (or with null detaches) a store; with <paramref name="load"/> its unexpired sessions enter the cache.</summary>
        public FlushResult AttachStore(ISslSessionStore? store, bool load = true) => throw new NotImplementedException();

        public SessionCallbackRegistration RegisterNewCallback(NewSessionCallback callback, object? tag = null) => throw new NotImplementedException();
        public SessionCallbackRegistration RegisterRemoveCallback(RemoveSessionCallback callback, object? tag = null) => throw new NotImplementedException();
        public SessionCallbackRegistration RegisterGetCallback(GetSessionCallback callback, object? tag = null) => throw new NotImplementedException();
        public bool UnregisterCallback(SessionCallbackRegistration registration) => throw new NotImplementedException();
        /// <summary>Removes every callback of <paramref name="event"/> (all when null); returns how many.</summary>
        public int UnregisterCallbacks(SessionCallbackEvent? @event = null) => throw new NotImplementedException();

        /// <summary>SSL_CTX_add_session.</summary>
        public AddSessionResult Add(SslSession session) => throw new NotImplementedException();
        /// <summary>SSL_CTX_remove_session: by the session's (protocol, id) key; marks the argument not resumable.</summary>
        public RemoveSessionResult Remove(SslSession session) => throw new NotImplementedException();
        /// <summary>Removes by id, under <paramref name="protocol"/> or (null) under every protocol.</summary>
        public RemoveSessionResult Remove(SessionId sessionId, SslProtocol? protocol = null) => throw new NotImplementedException();
        /// <summary>SSL_CTX_flush_sessions(ctx, t): removes sessions expired at <paramref name="instant"/> (strict).</summary>
        public FlushResult Flush(DateTimeOffset instant) => throw new NotImplementedException();
        /// <summary>SSL_CTX_flush_sessions(ctx, 0): removes everything.</summary>
        public FlushResult FlushAll() => throw new NotImplementedException();
        /// <summary>ssl_update_cache plus the handshake counters (§B.6, §B.7).</summary>
        public HandshakeResult CompleteHandshake(SslSession session, SslRole role, bool resumed = false) => throw new NotImplementedException();
        /// <summary>Server resume lookup (§B.8). Null protocol = any; null context = this context's.</summary>
        public SslLookupResult Lookup(SessionId sessionId, SslProtocol? protocol = null, byte[]? sessionIdContext = null) => throw new NotImplementedException();
        /// <summary>ssl_generate_session_id (§B.10).</summary>
        public SessionId GenerateSessionId(int length = SessionId.MaxLength) => throw new NotImplementedException();
        /// <summary>SSL_has_matching_session_id (internal cache only). Null protocol = any.</summary>
        public bool HasMatchingSessionId(SessionId sessionId, SslProtocol? protocol = null) => throw new NotImplementedException();
        /// <summary>Cached sessions (snapshot, earliest expiry first). No statistics side effects.</summary>
        public IReadOnlyList<SslSession> GetSessions() => throw new NotImplementedException();
        /// <summary>Cached sessions with this id (any protocol, or one). No statistics side effects.</summary>
        public IReadOnlyList<SslSession> FindSessions(SessionId sessionId, SslProtocol? protocol = null) => throw new NotImplementedException();
        /// <summary>Counters snapshot (§B.11).</summary>
        public SslSessionStatistics GetStatistics() => throw new NotImplementedException();
        /// <summary>Index details (lh_stats counterpart).</summary>
        public SslSessionCacheDetails GetDetails() => throw new NotImplementedException();
        /// <summary>Flushes everything (remove callbacks fire) and refuses further use (SSL_CTX_free).</summary>
        public FlushResult Close() => throw new NotImplementedException();
        public void Dispose() => Close();
        /// <summary>Checks index ↔ expiry order ↔ count; null when consistent, else what is wrong.</summary>
        public string? CheckConsistency() => throw new NotImplementedException();
    }
}
