using System;
using System.Threading;
using PSSslSession.Codec;

namespace PSSslSession.Engine.Cache
{
    /// <summary>
    /// The state of one session cache: what a context owns alone, or what several contexts share
    /// (<c>SSL_CTX_share_session_cache</c>, New-SslContext -ShareCacheWith). The contexts (<see cref="Members"/>) keep
    /// their own name, mode, session-id context, callbacks and counters; this holds the index, the expiry order, the
    /// limits, the store and its backlog, and the flush timer, all guarded by <see cref="Gate"/>.
    /// </summary>
    /// <remarks>
    /// Invariants (checked by <see cref="SslContext.CheckConsistency"/>, written down where they are kept):
    /// every live entry is in <see cref="Index"/> and <see cref="Expiry"/>, and <see cref="Count"/> counts them;
    /// <see cref="Bytes"/> is the sum of their <see cref="CacheEntry.Bytes"/>; flushed entries still indexed are dead and
    /// chained from <see cref="DeadHead"/>; a slot's sid_ctx tag, when it equals a member's current tag, means the
    /// session's sid_ctx is that member's (tags are numbered here, so members never reuse each other's numbers).
    /// </remarks>
    internal sealed class SessionCache
    {
        public readonly object Gate = new object();
        public readonly SessionIndex Index = new SessionIndex();
        public readonly ExpiryList Expiry = new ExpiryList();
        // Flushed entries whose keys may still be in Index (see CacheEntry.Dead), oldest first, chained through their
        // Next links (free once out of the expiry order, so the flush allocates nothing); swept a few at a time.
        public CacheEntry? DeadHead, DeadTail;
        public int DeadCount;
        // Protocol numbers ever cached (copy-on-write, tiny): "any protocol" lookups probe each.
        public volatile int[] Protocols = Array.Empty<int>();
        public long Sequence;
        public volatile int Count;
        // Σ CacheEntry.Bytes over the expiry order; written under Gate, read lock-free by the statistics.
        public long Bytes;
        public volatile int CacheSize = SslContext.DefaultCacheSize;
        public volatile int MaxSessionSize;
        public long MaxBytes;
        public TimeSpan Timeout = SslContext.DefaultTimeout;
        public volatile bool OpenSslCompat;

        // The store and its backlog (SslContext.Store.cs). Invariant: while Backlog holds writes, every new write goes
        // behind them (order is what the store sees), and the replay timer runs; it stops when the backlog is empty or
        // the cache is closed.
        public volatile ISslSessionStore? Store;
        public readonly object BacklogGate = new object();
        public readonly StoreBacklog Backlog = new StoreBacklog(SslContext.DefaultStoreBacklogCapacity);
        public readonly object DrainGate = new object();
        public long NextProbeTicks;
        public Timer? ReplayTimer;
        public volatile Exception? LastStoreFailure;

        // The flush timer (SslContext.FlushTimer.cs).
        public TimeSpan FlushInterval;
        public Timer? FlushTimer;
        public int TimerFlushRunning;

        /// <summary>The contexts using this cache, oldest first (copy-on-write; written under Gate).</summary>
        public volatile SslContext[] Members = Array.Empty<SslContext>();

        /// <summary>Closed when its last member left: no store writes, no timers.</summary>
        public volatile bool Closed;

        /// <summary>The last sid_ctx tag handed out (under Gate); 1 is <see cref="SessionIdContextState.Initial"/>'s.</summary>
        public int LastTag = 1;

        public SessionCache() { Owner = new OwnerHandle(this); }

        /// <summary>The cache's hook in its sessions (OpenSSL's <c>owner</c>): set_time/_timeout re-sort under <see cref="Gate"/>.</summary>
        public readonly ISessionOwner Owner;

        /// <summary>Re-sorts after a time change: like OpenSSL's unlink and re-insert, it becomes the newest among ties. Under Gate.</summary>
        public void Resort(CacheEntry entry)
        {
            Expiry.Remove(entry);
            entry.Expiry = entry.Session.ExpiresAtUnixSeconds;
            entry.Sequence = ++Sequence;
            // New times can change the encoding's length by a byte or two.
            int bytes = entry.Session.EncodedLength;
            Bytes += bytes - entry.Bytes;
            entry.Bytes = bytes;
            Expiry.Insert(entry);
            Index.UpdateExpiry(entry);
        }

        /// <summary>
        /// <c>SSL_SESSION_set_time</c>/<c>_set_timeout</c> on a cached session re-sort it under the cache's lock. A session
        /// cached in two caches belongs to the one that added it last; the other keeps ordering it by the expiry it had
        /// when added.
        /// </summary>
        private sealed class OwnerHandle : ISessionOwner
        {
            private readonly SessionCache _cache;

            public OwnerHandle(SessionCache cache) { _cache = cache; }

            public void UpdateTimes(SslSession session, long startTimeUnixSeconds, long timeoutSeconds)
            {
                lock (_cache.Gate)
                {
                    session.ApplyTimes(startTimeUnixSeconds, timeoutSeconds);
                    var entry = _cache.Index.Find(CacheKey.Of(session));
                    if (entry != null && !entry.Dead && ReferenceEquals(entry.Session, session))
                        _cache.Resort(entry);
                }
            }
        }
    }
}
