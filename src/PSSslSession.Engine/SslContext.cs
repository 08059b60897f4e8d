using System;
using System.Collections.Generic;
using System.Threading;
using PSSslSession.Codec;
using PSSslSession.Engine.Cache;

namespace PSSslSession.Engine
{
    /// <summary>
    /// A TLS context's session cache (OpenSSL <c>SSL_CTX</c> with its session cache, spec §B).
    /// </summary>
    /// <remarks>
    /// <para>Thread-safe. Lookups read the index (<see cref="SessionIndex"/>) without taking the context lock; adds, removals,
    /// flushes and re-ordering take one narrow lock that guards the index writes and the expiry order together.</para>
    /// <para>Callbacks and store calls never run under that lock (OpenSSL PR 31540): removals are collected inside
    /// the critical section and announced after it, so a callback may call any member of the same context.
    /// A throwing callback or failing store does not stop the operation; it becomes an <see cref="SslCacheFault"/>
    /// in the operation's result.</para>
    /// <para>Deliberate differences from OpenSSL 3.0 (SPEC §3): remove callbacks fire once per session that
    /// actually leaves the cache, with the cached instance and a reason. Three more are OpenSSL's only under
    /// <see cref="OpenSslCompat"/>: the size−1 capacity, empty-id sessions that eviction cannot remove, and the
    /// re-added instance that moves to the newest place among equal expiries.</para>
    /// </remarks>
    public sealed partial class SslContext : IDisposable
    {
        /// <summary>SSL_SESSION_CACHE_MAX_SIZE_DEFAULT.</summary>
        public const int DefaultCacheSize = 20480;

        /// <summary>The TLS/DTLS methods' default session timeout (7200 s).</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(7200);

        // Per add or remove: more than one, so the backlog shrinks whenever adds continue after a flush.
        private const int DeadSweepBatch = 32;
        private readonly SessionCache _cache;
        private readonly CacheCounters _counters = new CacheCounters();
        private volatile bool _closed;
        private volatile SessionIdContextState _sidCtxState = SessionIdContextState.Initial;

        /// <summary>Creates a context (<c>SSL_CTX_new</c>) with OpenSSL's cache defaults (§B.2).</summary>
        /// <param name="name">Unique name in a <see cref="SslContextRegistry"/>.</param>
        /// <param name="clock">"Now" for expiry and flushes; null = the system clock (or, sharing, the other's clock).</param>
        /// <param name="shareCacheWith">Use this context's cache instead of a new one (<c>SSL_CTX_share_session_cache</c>;
        /// see <see cref="SharedWith"/>); null = a cache of its own.</param>
        /// <exception cref="SslContextException">ContextClosed: <paramref name="shareCacheWith"/> was closed.</exception>
        public SslContext(string name, IClock? clock = null, SslContext? shareCacheWith = null)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            if (name.Trim().Length == 0) throw new ArgumentException("A context name needs a character that is not white space.", nameof(name));
            Name = name;
            Clock = clock ?? shareCacheWith?.Clock ?? SystemClock.Instance;
            if (shareCacheWith == null)
            {
                _cache = new SessionCache();
                _cache.Members = new[] { this };
            }
            else
            {
                _cache = shareCacheWith._cache;
                JoinCache(shareCacheWith);
            }
        }

        /// <summary>The context's name.</summary>
        public string Name { get; }

        /// <summary>The clock used for "now".</summary>
        public IClock Clock { get; }

        /// <summary>SSL_CTX_set_session_cache_mode / SSL_CTX_get_session_cache_mode (default Server, as in OpenSSL for every method).</summary>
        public SslSessionCacheMode CacheMode { get; set; } = SslSessionCacheMode.Server;

        /// <summary>
        /// SSL_CTX_sess_set_cache_size / SSL_CTX_sess_get_cache_size; 0 = unlimited; negative →
        /// <see cref="SslContextException"/> InvalidCacheSize. Lowering the size evicts nothing by itself: the next
        /// add evicts down to the new size in one go (see <see cref="Add"/>).
        /// </summary>
        public int CacheSize
        {
            get => _cache.CacheSize;
            set
            {
                if (value < 0) throw InvalidCacheSize(value);
                _cache.CacheSize = value;
            }
        }

        /// <summary>
        /// The largest session the cache takes, in DER bytes (<see cref="SslSession.EncodedLength"/>); 0 = no limit.
        /// A larger one is not cached (nor written to the store) and is counted in TooLarge: nginx and Traffic Server
        /// drop such sessions silently at a fixed 4096 bytes, which a mutual-TLS session with its peer certificate
        /// exceeds. Negative → <see cref="SslContextException"/> InvalidByteLimit.
        /// </summary>
        public int MaxSessionSize
        {
            get => _cache.MaxSessionSize;
            set
            {
                if (value < 0) throw InvalidByteLimit(nameof(MaxSessionSize), value);
                _cache.MaxSessionSize = value;
            }
        }

        /// <summary>
        /// The byte budget of the whole cache, beside <see cref="CacheSize"/>; 0 = none. Adding evicts the
        /// earliest-expiring sessions until the cached sessions' DER bytes (<see cref="SslSessionStatistics.Bytes"/>)
        /// plus the new one fit, exactly as for the entry limit (remove callbacks with reason Evicted, CacheFull). A
        /// session larger than the whole budget is TooLarge. Lowering it evicts at the next add.
        /// Negative → <see cref="SslContextException"/> InvalidByteLimit.
        /// </summary>
        public long MaxBytes
        {
            get => Interlocked.Read(ref _cache.MaxBytes);
            set
            {
                if (value < 0) throw InvalidByteLimit(nameof(MaxBytes), value);
                Interlocked.Exchange(ref _cache.MaxBytes, value);
            }
        }

        /// <summary>
        /// SSL_CTX_set_timeout / SSL_CTX_get_timeout; zero means "the method default (7200 s)" for new sessions
        /// (see <see cref="EffectiveTimeout"/>); negative → <see cref="SslContextException"/> InvalidTimeout.
        /// Changing it does not touch sessions already cached.
        /// </summary>
        public TimeSpan Timeout
        {
            get { lock (_cache.Gate) return _cache.Timeout; }
            set
            {
                if (value < TimeSpan.Zero) throw InvalidTimeout(value);
                lock (_cache.Gate) _cache.Timeout = value;
            }
        }

        /// <summary><see cref="Timeout"/> in whole seconds, as OpenSSL keeps it.</summary>
        public long TimeoutSeconds => Timeout.Ticks / TimeSpan.TicksPerSecond;

        /// <summary>The timeout new sessions get (<c>ssl_get_new_session</c>): <see cref="Timeout"/>, or 7200 s when it is zero.</summary>
        public TimeSpan EffectiveTimeout
        {
            get
            {
                var t = Timeout;
                return t == TimeSpan.Zero ? DefaultTimeout : t;
            }
        }

        /// <summary>
        /// The session-id context (<c>SSL_CTX_set_session_id_context</c>) in <see cref="TextOrHex"/> form; empty when unset.
        /// Lookups without an explicit context compare against it.
        /// </summary>
        public string SessionIdContext => TextOrHex.Format(_sidCtxState.Bytes);

        /// <summary>A copy of the session-id context's bytes.</summary>
        public byte[] GetSessionIdContext() => (byte[])_sidCtxState.Bytes.Clone();

        /// <summary>
        /// SSL_CTX_set_session_id_context: at most 32 bytes, else <see cref="SslContextException"/> SessionIdContextTooLong;
        /// empty clears it.
        /// </summary>
        public void SetSessionIdContext(byte[] sessionIdContext)
        {
            CheckSessionIdContext(sessionIdContext);
            lock (_cache.Gate) SetSessionIdContextLocked((byte[])sessionIdContext.Clone());
        }

        private static void CheckSessionIdContext(byte[] value)
        {
            if (value == null) throw new ArgumentNullException(nameof(value));
            if (value.Length > SslSessionCodec.MaxSessionIdContextLength)
                throw new SslContextException(SslContextError.SessionIdContextTooLong, $"The session id context is {value.Length} bytes; at most {SslSessionCodec.MaxSessionIdContextLength} are allowed (SSL_R_SSL_SESSION_ID_CONTEXT_TOO_LONG).");
        }

        private void SetSessionIdContextLocked(byte[] bytes) => _sidCtxState = new SessionIdContextState(bytes, NextTagLocked());

        private volatile byte[]? _sessionIdPrefix;
        private volatile SessionIdGenerator? _sessionIdGenerator;

        /// <summary>The prefix of generated ids (the man page's "www-18" example) in <see cref="TextOrHex"/> form, or null.</summary>
        public string? SessionIdPrefix => _sessionIdPrefix == null ? null : TextOrHex.Format(_sessionIdPrefix);

        /// <summary>A copy of the prefix of generated ids, or null.</summary>
        public byte[]? GetSessionIdPrefix() => (byte[]?)_sessionIdPrefix?.Clone();

        /// <summary>Sets the prefix of generated ids (at most 31 bytes; an id must be longer than it to be made); null or empty removes it.</summary>
        public void SetSessionIdPrefix(byte[]? prefix) => _sessionIdPrefix = CheckSessionIdPrefix(prefix);

        private static byte[]? CheckSessionIdPrefix(byte[]? prefix)
        {
            if (prefix == null || prefix.Length == 0) return null;
            // A prefix as long as an id leaves no random byte: every generated id would be the same.
            if (prefix.Length >= SessionId.MaxLength)
                throw new SslContextException(SslContextError.InvalidSessionIdLength, $"The session id prefix is {prefix.Length} bytes; it must leave random bytes in a session id of at most {SessionId.MaxLength} bytes, so at most {SessionId.MaxLength - 1}.");
            return (byte[])prefix.Clone();
        }

        /// <summary>True when a custom generator makes the ids (<c>SSL_CTX_set_generate_session_id</c>).</summary>
        public bool HasSessionIdGenerator => _sessionIdGenerator != null;

        /// <summary>SSL_CTX_set_generate_session_id; null restores the CSPRNG (with the prefix, if any).</summary>
        public void SetSessionIdGenerator(SessionIdGenerator? generator) => _sessionIdGenerator = generator;

        /// <summary>
        /// Changes several settings at once: every given value is checked first (InvalidCacheSize, InvalidTimeout,
        /// SessionIdContextTooLong, InvalidSessionIdLength), and nothing changes when one is invalid. A new store is
        /// attached last (its unexpired sessions load, see <see cref="AttachStore"/>); the result lists them.
        /// </summary>
        /// <exception cref="SslContextException">The first invalid setting, or ContextClosed.</exception>
        public FlushResult Configure(SslContextSettings settings)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            ThrowIfClosed();
            if (settings.CacheSize < 0) throw InvalidCacheSize(settings.CacheSize.Value);
            if (settings.Timeout < TimeSpan.Zero) throw InvalidTimeout(settings.Timeout.Value);
            if (settings.MaxSessionSize < 0) throw InvalidByteLimit(nameof(MaxSessionSize), settings.MaxSessionSize.Value);
            if (settings.MaxBytes < 0) throw InvalidByteLimit(nameof(MaxBytes), settings.MaxBytes.Value);
            if (settings.FlushInterval.HasValue) CheckFlushInterval(settings.FlushInterval.Value);
            if (settings.SessionIdContext != null) CheckSessionIdContext(settings.SessionIdContext);
            var prefix = settings.ChangesSessionIdPrefix ? CheckSessionIdPrefix(settings.SessionIdPrefix) : null;

            lock (_cache.Gate)
            {
                if (settings.CacheMode.HasValue) CacheMode = settings.CacheMode.Value;
                if (settings.CacheSize.HasValue) _cache.CacheSize = settings.CacheSize.Value;
                if (settings.Timeout.HasValue) _cache.Timeout = settings.Timeout.Value;
                if (settings.MaxSessionSize.HasValue) _cache.MaxSessionSize = settings.MaxSessionSize.Value;
                if (settings.MaxBytes.HasValue) Interlocked.Exchange(ref _cache.MaxBytes, settings.MaxBytes.Value);
                if (settings.FlushInterval.HasValue) SetFlushIntervalLocked(settings.FlushInterval.Value);
                if (settings.SessionIdContext != null) SetSessionIdContextLocked((byte[])settings.SessionIdContext.Clone());
                if (settings.OpenSslCompat.HasValue) OpenSslCompat = settings.OpenSslCompat.Value;
                if (settings.VerifyPeer.HasValue) VerifyPeer = settings.VerifyPeer.Value;
                if (settings.ChangesSessionIdPrefix) _sessionIdPrefix = prefix;
                if (settings.ChangesSessionIdGenerator) _sessionIdGenerator = settings.SessionIdGenerator;
            }
            return settings.ChangesStore ? AttachStore(settings.Store) : new FlushResult(Array.Empty<SslSession>(), null);
        }

        private static SslContextException InvalidCacheSize(int value) =>
            new SslContextException(SslContextError.InvalidCacheSize, $"The cache size cannot be negative ({value}); use 0 for unlimited.");

        private static SslContextException InvalidByteLimit(string limit, long value) =>
            new SslContextException(SslContextError.InvalidByteLimit, $"{limit} cannot be negative ({value}); use 0 for no limit.");

        private static SslContextException InvalidTimeout(TimeSpan value) =>
            new SslContextException(SslContextError.InvalidTimeout, $"The session timeout cannot be negative ({value}).");

        /// <summary>
        /// The connections verify their peer (<c>SSL_CTX_set_verify</c> with <c>SSL_VERIFY_PEER</c>). Then an empty
        /// session-id context is a configuration error rather than a silent miss: a server handshake does not store the
        /// session (§B.7 step 2), and a lookup that finds a session fails with SessionIdContextUninitialized (§B.8 step 3;
        /// field note 5, the "second connection fails" bug).
        /// </summary>
        public bool VerifyPeer { get; set; }

        /// <summary>
        /// Behave as OpenSSL 3.0's cache where the module deliberately differs by default (see <see cref="Add"/>):
        /// <list type="bullet">
        /// <item>capacity: a cache of size N holds N−1 sessions (off: N);</item>
        /// <item>empty ids: eviction stops at a session with an empty id, which it cannot remove, so the cache can
        /// grow past its size, and <see cref="Remove(SslSession)"/> ignores it (off: it is evicted and removed like any
        /// other, and the size holds);</item>
        /// <item>re-adding the cached instance moves it behind every session with the same expiry, so it is evicted
        /// and flushed last among them (off: the add changes nothing).</item>
        /// </list>
        /// </summary>
        public bool OpenSslCompat
        {
            get => _cache.OpenSslCompat;
            set => _cache.OpenSslCompat = value;
        }

        /// <summary>SSL_CTX_sess_number: sessions in the internal cache.</summary>
        public int Count => _cache.Count;

        /// <summary>True after <see cref="Close"/> (<c>SSL_CTX_free</c>).</summary>
        public bool IsClosed => _closed;

        /// <summary>The name.</summary>
        public override string ToString() => Name;

        /// <summary>
        /// SSL_CTX_add_session: puts <paramref name="session"/> into the internal cache under its
        /// (protocol, id) key, whatever <see cref="CacheMode"/> says (as in OpenSSL).
        /// </summary>
        /// <remarks>
        /// <para>The same instance already cached: <c>Added</c> is false (OpenSSL returns 0) and nothing changes; with
        /// <see cref="SslSessionCacheMode.UpdateTime"/> its start time still becomes now and it is re-ordered. With
        /// <see cref="OpenSslCompat"/> it is always re-ordered, as OpenSSL's <c>SSL_SESSION_list_add</c> unlinks and
        /// re-inserts it: it becomes the newest among equal expiries (evicted and flushed after them).</para>
        /// <para>A different instance with the same key is replaced: <c>Added</c> is true, <c>Replaced</c> holds the old
        /// one, and no remove callback fires for it (§B.3 step 2). With UpdateTime the new session's start time becomes now.</para>
        /// <para>Eviction (§B.3 step 5), before the new session is linked, so it is never its own victim: while the
        /// other entries number at least <see cref="CacheSize"/>, the earliest-expiring one (oldest insertion among ties)
        /// is evicted, marked not resumable, counted once in CacheFull and Evictions, and announced to remove callbacks
        /// with <see cref="SessionRemovalReason.Evicted"/>. So a cache of size N holds N. With
        /// <see cref="OpenSslCompat"/> the new session is counted too, as OpenSSL 3.0 counts it after hashing it
        /// first: the loop runs while others + 1 ≥ size and others &gt; 0, so size N holds N−1 (size 1 still holds 1).
        /// After lowering the size: 5 entries, size 2, one add → 4 evictions and 2 entries (holds N), or 5 evictions and
        /// 1 entry with the quirk, as OpenSSL 3.0 does.</para>
        /// <para>Sessions with an empty id are evicted like any other, so the size holds. With <see cref="OpenSslCompat"/>
        /// eviction stops when the earliest-expiring session has an empty id, as OpenSSL's <c>remove_session_lock</c>
        /// refuses it and ends the loop: nothing more is evicted by that add and the cache may grow past its size.</para>
        /// <para>Store: a new entry is also written to the attached store (<see cref="ISslSessionStore.Put"/>). OpenSSL's
        /// SSL_CTX_add_session does not call new-session callbacks and neither does this; the write-through exists because
        /// users expect sessions they add to be persisted. New-session callbacks run only from
        /// <see cref="CompleteHandshake"/>.</para>
        /// </remarks>
        /// <exception cref="SslContextException">ContextClosed.</exception>
        public AddSessionResult Add(SslSession session)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            ThrowIfClosed();
            List<SslCacheFault>? faults = null;
            var result = AddInternal(session, ref faults, out var evicted);
            NotifyRemoved(evicted, SessionRemovalReason.Evicted, ref faults);
            if (result.Added) StorePut(session, ref faults);
            // The common outcome has one immutable result, so a plain add allocates only its cache entry.
            if (result.Added && result.Replaced == null && evicted == null && faults == null) return AddSessionResult.NewEntry;
            return new AddSessionResult(result.Added, result.Replaced, evicted ?? Array.Empty<SslSession>(), faults, result.TooLarge);
        }

        /// <summary>
        /// <see cref="Add"/> for each session, in order, with the same results, callbacks and counters; only the store
        /// writes of the new entries differ: a store that takes batches (<see cref="ISslSessionBatchStore"/>) gets them as
        /// one write after the cache work. Faults of that write are in the result of the last session written.
        /// </summary>
        /// <exception cref="SslContextException">ContextClosed.</exception>
        public IReadOnlyList<AddSessionResult> AddRange(IReadOnlyList<SslSession> sessions)
        {
            if (sessions == null) throw new ArgumentNullException(nameof(sessions));
            foreach (var s in sessions) if (s == null) throw new ArgumentException("The list holds a null session.", nameof(sessions));
            ThrowIfClosed();
            var results = new AddSessionResult[sessions.Count];
            var written = new List<SslSession>();
            int lastWritten = -1;
            var perSession = new (AddOutcome Result, IReadOnlyList<SslSession>? Evicted, List<SslCacheFault>? Faults)[sessions.Count];
            for (int i = 0; i < sessions.Count; i++)
            {
                List<SslCacheFault>? faults = null;
                var result = AddInternal(sessions[i], ref faults, out var evicted);
                NotifyRemoved(evicted, SessionRemovalReason.Evicted, ref faults);
                if (result.Added) { written.Add(sessions[i]); lastWritten = i; }
                perSession[i] = (result, evicted, faults);
            }
            if (lastWritten >= 0) StorePutMany(written, ref perSession[lastWritten].Faults);
            for (int i = 0; i < sessions.Count; i++)
            {
                var (result, evicted, faults) = perSession[i];
                results[i] = new AddSessionResult(result.Added, result.Replaced, evicted ?? Array.Empty<SslSession>(), faults, result.TooLarge);
            }
            return results;
        }

        /// <summary>
        /// SSL_CTX_remove_session: removes the cached session with <paramref name="session"/>'s (protocol, id) key,
        /// whichever instance that is, and marks the argument not resumable.
        /// </summary>
        /// <remarks>
        /// A session with an empty id is removed like any other (the store, keyed by id, is not asked); with
        /// <see cref="OpenSslCompat"/> an empty id does nothing (no callback, <c>Removed</c> false), as in OpenSSL, where
        /// such a session leaves only by flush. Remove callbacks (<see cref="SessionRemovalReason.Removed"/>) fire only when an entry
        /// actually left, with the cached instance (SPEC §3; OpenSSL also calls remove_cb for misses). The attached
        /// store is asked to delete the key even on an internal miss, since an external cache may hold what the internal
        /// one does not. <c>Removed</c> is what TLS 1.3 early-data anti-replay relies on (single use).
        /// </remarks>
        /// <exception cref="SslContextException">ContextClosed.</exception>
        public RemoveSessionResult Remove(SslSession session)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            ThrowIfClosed();
            if (session.Id.IsEmpty && OpenSslCompat) return new RemoveSessionResult(Array.Empty<SslSession>(), null);
            SslSession? removed;
            lock (_cache.Gate)
            {
                removed = RemoveLocked(CacheKey.Of(session));
                session.NotResumable = true;
            }
            List<SslCacheFault>? faults = null;
            var list = removed == null ? Array.Empty<SslSession>() : new[] { removed };
            NotifyRemoved(list, SessionRemovalReason.Removed, ref faults);
            // A shared store holds the other members' sessions too: only this context's part is its to delete.
            if (!session.Id.IsEmpty && (removed != null || Sees(session))) StoreRemove(session.Id, session.GetProtocol(), removed ?? session, ref faults);
            return new RemoveSessionResult(list, faults);
        }

        /// <summary>
        /// SSL_CTX_remove_session by id: under <paramref name="protocol"/>, or (null) under every protocol.
        /// Removed instances are marked not resumable; remove callbacks fire for each (reason Removed).
        /// </summary>
        /// <remarks>
        /// The store is asked to delete the id under the given protocol; with a null protocol, under each protocol an
        /// internal entry was removed from, or, when the internal cache had none, under the protocol of the session the
        /// store returns for the id.
        /// </remarks>
        /// <exception cref="SslContextException">ContextClosed.</exception>
        public RemoveSessionResult Remove(SessionId sessionId, SslProtocol? protocol = null)
        {
            ThrowIfClosed();
            if (sessionId.IsEmpty && OpenSslCompat) return new RemoveSessionResult(Array.Empty<SslSession>(), null);
            List<SslSession>? removed = null;
            lock (_cache.Gate)
            {
                if (protocol.HasValue)
                {
                    AddIfNotNull(ref removed, RemoveLocked(new CacheKey(protocol.Value.Number, sessionId)));
                }
                else
                {
                    foreach (var p in _cache.Protocols)
                        AddIfNotNull(ref removed, RemoveLocked(new CacheKey(p, sessionId)));
                }
                if (removed != null) foreach (var s in removed) s.NotResumable = true;
            }
            List<SslCacheFault>? faults = null;
            IReadOnlyList<SslSession> list = (IReadOnlyList<SslSession>?)removed ?? Array.Empty<SslSession>();
            NotifyRemoved(list, SessionRemovalReason.Removed, ref faults);
            if (sessionId.IsEmpty) return new RemoveSessionResult(list, faults);
            if (protocol.HasValue) StoreRemove(sessionId, protocol.Value, null, ref faults);
            else if (removed != null) foreach (var s in removed) StoreRemove(sessionId, s.GetProtocol(), s, ref faults);
            else if (_cache.Store != null)
            {
                var stored = StoreGet(sessionId, null, ref faults, count: false);
                if (stored != null && Sees(stored)) StoreRemove(sessionId, stored.GetProtocol(), stored, ref faults);
            }
            return new RemoveSessionResult(list, faults);
        }

        /// <summary>
        /// SSL_CTX_flush_sessions_ex(ctx, t): removes the sessions expired at <paramref name="instant"/> (strict:
        /// instant &gt; start + timeout, in whole seconds; a session is kept at exactly its expiry second).
        /// </summary>
        /// <remarks>
        /// Walks the expiry order from the earliest and stops at the first unexpired session, so the cost is
        /// O(removed), never O(cache). Sessions whose expiry overflowed never expire. Each removed session is
        /// marked not resumable, counted in Flushes, announced with <see cref="SessionRemovalReason.Flushed"/> after the
        /// lock is released, and deleted from the attached store (it is expired there too). The flush only marks each
        /// entry dead and leaves the count at once; the index keys are deleted later, a few per add or remove (all at
        /// once when the cache empties), because that deletion dominated the flush's cost. Every member treats a dead
        /// entry as absent.
        /// </remarks>
        /// <exception cref="SslContextException">ContextClosed.</exception>
        public FlushResult Flush(DateTimeOffset instant)
        {
            ThrowIfClosed();
            return FlushExpired(instant.ToUnixTimeSeconds());
        }

        /// <summary>
        /// <see cref="Flush(DateTimeOffset)"/>, and with <paramref name="reclaimMemory"/> the flushed sessions' index keys
        /// are deleted at once instead of a few per later add or remove, so an idle context gives the memory back now
        /// (what an administrator's flush is for; the every-255 auto-clear stays lazy).
        /// </summary>
        /// <exception cref="SslContextException">ContextClosed.</exception>
        public FlushResult Flush(DateTimeOffset instant, bool reclaimMemory)
        {
            var result = Flush(instant);
            if (reclaimMemory) ReclaimFlushed();
            return result;
        }

        /// <summary>Deletes every flushed session's key from the index now (see <see cref="CacheEntry.Dead"/>).</summary>
        private void ReclaimFlushed()
        {
            lock (_cache.Gate)
                while (_cache.DeadHead != null) SweepDeadLocked();
        }

        /// <summary>
        /// SSL_CTX_flush_sessions(ctx, 0): removes every session, earliest expiry first (reason Flushed), and deletes
        /// them from the attached store as well. In a shared cache (<see cref="SharedWith"/>): this context's part only.
        /// </summary>
        /// <exception cref="SslContextException">ContextClosed.</exception>
        public FlushResult FlushAll()
        {
            ThrowIfClosed();
            return FlushEverything(removeFromStore: true, close: false);
        }

        /// <summary>
        /// SSL_CTX_free: flushes everything (remove callbacks fire, reason Flushed) and refuses further use
        /// (<see cref="SslContextException"/> ContextClosed from operations; properties and statistics stay readable).
        /// </summary>
        /// <remarks>
        /// The attached store keeps its sessions (they are still valid, and a new context can load them) and is
        /// detached but not disposed: whoever created it owns it. A second call does nothing.
        /// </remarks>
        public FlushResult Close() => FlushEverything(removeFromStore: false, close: true);

        /// <summary>Same as <see cref="Close"/>.</summary>
        public void Dispose() => Close();

        private FlushResult FlushExpired(long nowSeconds, bool background = false)
        {
            List<SslSession>? removed = null;
            lock (_cache.Gate)
            {
                // Strict expiry: now > calc_timeout. long.MaxValue (overflow) therefore never qualifies.
                var first = _cache.Expiry.First;
                if (first != null && nowSeconds > first.Expiry) _cache.Index.NoteFlushing(nowSeconds);
                for (var min = first; min != null && nowSeconds > min.Expiry; min = _cache.Expiry.First)
                {
                    _cache.Expiry.Remove(min);
                    MarkDeadLocked(min);
                    min.Session.NotResumable = true;
                    (removed ??= new List<SslSession>()).Add(min.Session);
                }
                if (_cache.Count == 0) ClearIndexLocked();
            }
            return FinishFlush(removed, removeFromStore: true, background);
        }

        private FlushResult FlushEverything(bool removeFromStore, bool close)
        {
            List<SslSession>? removed;
            ISslSessionStore? detached = null;
            lock (_cache.Gate)
            {
                if (close)
                {
                    if (_closed) return new FlushResult(Array.Empty<SslSession>(), null);
                    _closed = true;
                    // Others still use the cache: it stays theirs, with its sessions, store and timer.
                    if (TryLeaveSharedCacheLocked()) return new FlushResult(Array.Empty<SslSession>(), null);
                    _cache.Closed = true;
                    StopFlushTimerLocked();
                    // Detached under the lock that AttachStore takes, so no store can arrive after the close.
                    detached = _cache.Store;
                    _cache.Store = null;
                }
                // In a shared cache, "everything" is this context's part; the others' sessions stay.
                removed = !close && _cache.Members.Length > 1 ? TakeOwnPartLocked() : DrainAllLocked();
            }
            var result = FinishFlush(removed, removeFromStore);
            return close && _cache.Closed ? EndStoreBacklog(detached, result) : result;
        }

        /// <summary>Empties the whole cache, earliest expiry first; the caller holds the lock.</summary>
        private List<SslSession>? DrainAllLocked()
        {
            List<SslSession>? removed = null;
            if (_cache.Expiry.Count > 0)
            {
                _cache.Index.NoteFlushing(long.MaxValue);
                var list = removed = new List<SslSession>(_cache.Expiry.Count);
                var owner = _cache.Owner;
                _cache.Expiry.DrainInOrder(entry =>
                {
                    // Dead for lock-free readers that already hold the entry; the index is cleared below.
                    entry.Dead = true;
                    if (ReferenceEquals(entry.Session.Owner, owner)) entry.Session.Owner = null;
                    entry.Session.NotResumable = true;
                    list.Add(entry.Session);
                });
                _cache.Count -= removed.Count;
                _cache.Bytes = 0;
            }
            // Nothing live is left: drop every key wholesale (with any backlog) instead of key by key.
            if (removed != null || _cache.DeadHead != null)
            {
                _cache.Index.Clear();
                DropDeadLocked();
            }
            return removed;
        }

        /// <summary>Removes this context's part of a shared cache, earliest expiry first (O(cache)); the caller holds the lock.</summary>
        private List<SslSession>? TakeOwnPartLocked()
        {
            List<CacheEntry>? mine = null;
            for (var e = _cache.Expiry.First; e != null; e = e.Next)
                if (Sees(e.Session)) (mine ??= new List<CacheEntry>()).Add(e);
            if (mine == null) return null;
            var removed = new List<SslSession>(mine.Count);
            foreach (var entry in mine)
            {
                _cache.Expiry.Remove(entry);
                UnlinkLocked(entry);
                entry.Session.NotResumable = true;
                removed.Add(entry.Session);
            }
            return removed;
        }

        /// <summary>Counts a flush, announces it (the timer's <paramref name="background"/> way, or to the caller's thread) and tells the store.</summary>
        private FlushResult FinishFlush(List<SslSession>? removed, bool removeFromStore, bool background = false)
        {
            if (removed == null) return new FlushResult(Array.Empty<SslSession>(), null);
            List<SslCacheFault>? faults = null;
            // The timer's flush is nobody's call: each member counts its own part (see AnnounceTimerPart).
            if (background) NotifyRemovedInBackground(removed, SessionRemovalReason.Flushed);
            else
            {
                CacheCounters.Add(ref _counters.Flushes, removed.Count);
                NotifyRemoved(removed, SessionRemovalReason.Flushed, ref faults);
            }
            if (removeFromStore && _cache.Store != null)
                foreach (var s in removed) StoreRemove(s.Id, s.GetProtocol(), s, ref faults);
            return new FlushResult(removed, faults);
        }

        private readonly struct AddOutcome
        {
            public AddOutcome(bool added, SslSession? replaced, bool tooLarge = false) { Added = added; Replaced = replaced; TooLarge = tooLarge; }
            public bool Added { get; }
            public SslSession? Replaced { get; }
            /// <summary>Not cached: over <see cref="MaxSessionSize"/> or the whole <see cref="MaxBytes"/> budget.</summary>
            public bool TooLarge { get; }
        }

        /// <summary>The locked part of SSL_CTX_add_session; victims come back for notification after unlocking.</summary>
        private AddOutcome AddInternal(SslSession session, ref List<SslCacheFault>? faults, out SslSession[]? evicted)
        {
            evicted = null;
            var key = CacheKey.Of(session);
            bool updateTime = (CacheMode & SslSessionCacheMode.UpdateTime) != 0;
            long now = updateTime ? Clock.UtcNow.ToUnixTimeSeconds() : 0;
            BeforeAddLock?.Invoke();
            lock (_cache.Gate)
            {
                ThrowIfClosed();
                SweepDeadLocked();
                // UPDATE_TIME (§B.3 step 4) applies to a new entry and to the instance already cached alike.
                if (updateTime) session.ApplyTimes(now, session.TimeoutSecondsRaw);
                SslSession? replaced = null;
                // A flushed entry still indexed is absent: the new one takes its slot as a plain insert.
                var existing = _cache.Index.Find(key);
                if (existing != null && !existing.Dead && ReferenceEquals(existing.Session, session))
                {
                    if (updateTime || OpenSslCompat) _cache.Resort(existing);
                    return new AddOutcome(false, null);
                }
                // After UPDATE_TIME: the times are part of the encoding.
                int bytes = session.EncodedLength;
                if (IsTooLarge(bytes))
                {
                    // Before anything changes: a cached instance with the same key stays.
                    CacheCounters.Increment(ref _counters.TooLarge);
                    return new AddOutcome(false, null, tooLarge: true);
                }
                if (existing != null && !existing.Dead)
                {
                    // §B.3 step 2: the old instance goes silently, stays resumable, and the add counts as new; the new
                    // entry takes over its slot below.
                    replaced = existing.Session;
                    _cache.Expiry.Remove(existing);
                    _cache.Count--;
                    _cache.Bytes -= existing.Bytes;
                    if (ReferenceEquals(replaced.Owner, _cache.Owner)) replaced.Owner = null;
                }
                // The slot remembers whether the session's sid_ctx is the context's, so that the resume lookup compares
                // tags, not bytes. Read under the lock, where tags are handed out and restarted (NextTagLocked), so the
                // tag written is one that stands for these bytes.
                var sidCtx = _sidCtxState;
                int sidCtxTag = session.SidCtx.AsSpan().SequenceEqual(sidCtx.Bytes) ? sidCtx.Tag : 0;
                var entry = new CacheEntry(session) { Expiry = session.CaptureExpiryAndOwn(_cache.Owner), Sequence = ++_cache.Sequence, Bytes = bytes };
                // The new entry is not in the expiry order yet, so it can never be its own victim.
                EvictForRoomLocked(bytes, ref evicted);
                _cache.Index.Set(key, entry, sidCtxTag);
                _cache.Expiry.Insert(entry);
                _cache.Count++;
                _cache.Bytes += bytes;
                NoteProtocolLocked(session.ProtocolNumber);
                return new AddOutcome(true, replaced);
            }
        }

        /// <summary>Whether a session of <paramref name="bytes"/> DER bytes is over the per-session limit or the whole budget.</summary>
        private bool IsTooLarge(int bytes)
        {
            int limit = _cache.MaxSessionSize;
            long budget = Interlocked.Read(ref _cache.MaxBytes);
            return (limit > 0 && bytes > limit) || (budget > 0 && bytes > budget);
        }

        /// <summary>
        /// Evicts, earliest expiry first, until a new session of <paramref name="newBytes"/> fits both limits: the entry
        /// limit (others + 1 ≤ size; the quirk counts the new one twice, as OpenSSL 3.0 hashes it first) and the byte
        /// budget (bytes + new ≤ MaxBytes). The caller holds the lock; the new entry is not linked yet.
        /// </summary>
        private void EvictForRoomLocked(int newBytes, ref SslSession[]? evicted)
        {
            int size = _cache.CacheSize;
            long budget = Interlocked.Read(ref _cache.MaxBytes);
            if (size <= 0 && budget <= 0) return;
            bool compat = OpenSslCompat;
            int extra = compat ? 1 : 0;
            // One array, sized for the entry limit's count (exact when only it binds): a churning cache adds and evicts
            // one session at a time, and this is its only allocation besides the entry.
            SslSession[]? victims = null;
            int n = 0;
            for (int others = _cache.Expiry.Count; others > 0; others--)
            {
                bool overCount = size > 0 && others + extra >= size;
                if (!overCount && !(budget > 0 && _cache.Bytes + newBytes > budget)) break;
                var victim = _cache.Expiry.First!;
                // OpenSSL cannot remove an empty-id session by key, and gives up evicting (see OpenSslCompat).
                if (compat && victim.Session.Id.IsEmpty) break;
                if (victims == null)
                {
                    // The cache is full and starts to churn: size the index for it once, rather than growing it mid-churn.
                    if (overCount) _cache.Index.Reserve(size);
                    victims = new SslSession[overCount ? Math.Min(others, others + extra - size + 1) : 1];
                }
                else if (n == victims.Length)
                {
                    Array.Resize(ref victims, n * 2);
                }
                _cache.Expiry.Remove(victim);
                UnlinkLocked(victim);
                victim.Session.NotResumable = true;
                CacheCounters.Increment(ref _counters.CacheFull);
                victims[n++] = victim.Session;
            }
            if (victims == null) return;
            if (n < victims.Length) Array.Resize(ref victims, n);
            evicted = victims;
        }

        /// <summary>
        /// Removes the entry under <paramref name="key"/> from both structures; the caller holds the lock. In a shared
        /// cache only an entry of this context's part, unless <paramref name="anyPart"/> (a lookup that already checked).
        /// </summary>
        private SslSession? RemoveLocked(CacheKey key, bool anyPart = false)
        {
            SweepDeadLocked();
            var entry = _cache.Index.Find(key);
            if (entry == null || entry.Dead || (!anyPart && !Sees(entry.Session))) return null;
            _cache.Expiry.Remove(entry);
            UnlinkLocked(entry);
            return entry.Session;
        }

        /// <summary>Drops an entry already out of the expiry order from the index; the caller holds the lock.</summary>
        private void UnlinkLocked(CacheEntry entry)
        {
            _cache.Index.Remove(entry.Key, entry);
            _cache.Count--;
            _cache.Bytes -= entry.Bytes;
            if (ReferenceEquals(entry.Session.Owner, _cache.Owner)) entry.Session.Owner = null;
        }

        /// <summary>
        /// The flush's unlink: the entry is already out of the expiry order; it leaves the count and the session's owner
        /// now, and the index later (<see cref="SweepDeadLocked"/>), so a flush costs no index removal per session.
        /// </summary>
        private void MarkDeadLocked(CacheEntry entry)
        {
            entry.Dead = true;
            if (_cache.DeadTail == null) _cache.DeadHead = entry; else _cache.DeadTail.Next = entry;
            _cache.DeadTail = entry;
            _cache.DeadCount++;
            _cache.Count--;
            _cache.Bytes -= entry.Bytes;
            if (ReferenceEquals(entry.Session.Owner, _cache.Owner)) entry.Session.Owner = null;
        }

        /// <summary>Deletes up to <see cref="DeadSweepBatch"/> flushed keys from the index; the caller holds the lock.</summary>
        private void SweepDeadLocked()
        {
            if (_cache.DeadHead == null) return;
            for (int i = 0; i < DeadSweepBatch && _cache.DeadHead != null; i++)
            {
                var entry = _cache.DeadHead;
                _cache.DeadHead = entry.Next;
                entry.Next = null;
                if (_cache.DeadHead == null) _cache.DeadTail = null;
                _cache.DeadCount--;
                // Only while the key still maps to this dead entry: an add may have put a live one there since.
                _cache.Index.Remove(entry.Key, entry);
            }
            if (_cache.DeadHead == null) _cache.Index.NoneFlushed();
        }

        /// <summary>
        /// Empties the index when nothing live is left in it (the count is zero); the caller holds the lock. Every key
        /// still indexed then belongs to an entry in the dead chain, so an empty chain means an empty index.
        /// </summary>
        private void ClearIndexLocked()
        {
            if (_cache.DeadHead == null) return;
            _cache.Index.Clear();
            DropDeadLocked();
        }

        /// <summary>
        /// Forgets the dead chain once the index no longer holds its keys; the caller holds the lock. The entries keep
        /// their links (walking them would cost a miss each); nothing reads them again and the GC takes them together.
        /// </summary>
        private void DropDeadLocked()
        {
            _cache.DeadHead = _cache.DeadTail = null;
            _cache.DeadCount = 0;
            _cache.Index.NoneFlushed();
        }

        private void NoteProtocolLocked(int protocol)
        {
            var current = _cache.Protocols;
            if (Array.IndexOf(current, protocol) >= 0) return;
            var next = new int[current.Length + 1];
            current.CopyTo(next, 0);
            next[current.Length] = protocol;
            _cache.Protocols = next;
        }

        private void ThrowIfClosed()
        {
            if (_closed) throw new SslContextException(SslContextError.ContextClosed, $"The SSL context '{Name}' was closed and cannot be used.");
        }

        private static void AddIfNotNull(ref List<SslSession>? list, SslSession? session)
        {
            if (session != null) (list ??= new List<SslSession>()).Add(session);
        }
    }
}
