using System;
using System.Collections.Generic;
using System.Threading;
using PSSslSession.Codec;
using PSSslSession.Engine.Cache;

namespace PSSslSession.Engine
{
    public sealed partial class SslContext
    {
        /// <summary>
        /// Cached sessions (snapshot, earliest expiry first, FIFO among ties); in a shared cache those of this context's
        /// part, what it can resume. No statistics side effects.
        /// </summary>
        public IReadOnlyList<SslSession> GetSessions()
        {
            lock (_cache.Gate)
            {
                if (_cache.Members.Length > 1)
                {
                    var mine = new List<SslSession>();
                    for (var e = _cache.Expiry.First; e != null; e = e.Next)
                        if (Sees(e.Session)) mine.Add(e.Session);
                    return mine;
                }
                // The expiry order is already the snapshot's order.
                var result = new SslSession[_cache.Expiry.Count];
                int i = 0;
                for (var e = _cache.Expiry.First; e != null; e = e.Next) result[i++] = e.Session;
                return result;
            }
        }

        /// <summary>
        /// The counters (<c>SSL_CTX_sess_*</c>, §B.11) as a snapshot, read without the cache lock. Store counters are null
        /// while no store is attached.
        /// </summary>
        public SslSessionStatistics GetStatistics()
        {
            var c = _counters;
            bool store = _cache.Store != null;
            // One read for the two names of the same events, so that the snapshot never shows them apart.
            long evictions = c.CacheFull.Read();
            return new SslSessionStatistics
            {
                ContextName = Name,
                Count = _cache.Count,
                CacheSize = _cache.CacheSize,
                Connect = c.Connect.Read(),
                ConnectGood = c.ConnectGood.Read(),
                ConnectRenegotiate = c.ConnectRenegotiate.Read(),
                Accept = c.Accept.Read(),
                AcceptGood = c.AcceptGood.Read(),
                AcceptRenegotiate = c.AcceptRenegotiate.Read(),
                Hits = c.Hits.Read(),
                CallbackHits = c.CallbackHits.Read(),
                Misses = c.Misses.Read(),
                Timeouts = c.Timeouts.Read(),
                CacheFull = evictions,
                Evictions = evictions,
                Flushes = c.Flushes.Read(),
                Bytes = Interlocked.Read(ref _cache.Bytes),
                TooLarge = c.TooLarge.Read(),
                StoreHits = store ? c.StoreHits.Read() : (long?)null,
                StoreMisses = store ? c.StoreMisses.Read() : (long?)null,
                StoreErrors = store ? c.StoreErrors.Read() : (long?)null,
                StorePending = StoreWritesPending,
                StoreDropped = StoreWritesDropped,
            };
        }

        /// <summary>
        /// Index details (what OpenSSL's <c>lh_stats</c> showed). The index is one open-addressing table, so it
        /// reports a single shard. O(1): the ends of the expiry order are the earliest and latest.
        /// </summary>
        public SslSessionCacheDetails GetDetails()
        {
            lock (_cache.Gate)
            {
                return new SslSessionCacheDetails
                {
                    Count = _cache.Count,
                    Shards = 1,
                    LargestShard = _cache.Count,
                    SmallestShard = _cache.Count,
                    EarliestExpiryUnixSeconds = _cache.Expiry.First?.Expiry,
                    LatestExpiryUnixSeconds = _cache.Expiry.Last?.Expiry,
                    AutoClearRuns = _counters.AutoClearRuns.Read(),
                };
            }
        }

        /// <summary>Flushed entries whose keys still wait for the index sweep (tests and benchmarks).</summary>
        internal int DeadBacklog
        {
            get { lock (_cache.Gate) return _cache.DeadCount; }
        }

        /// <summary>The tag of the current session-id context (tests; see SessionIdContextState).</summary>
        internal int SessionIdContextTag => _sidCtxState.Tag;

        /// <summary>Runs in <see cref="Add"/> just before the cache lock is taken (tests of what may change meanwhile).</summary>
        internal Action? BeforeAddLock;

        /// <summary>The index itself (benchmarks' profile).</summary>
        internal SessionIndex Index => _cache.Index;

        /// <summary>Keys in the index, live and flushed-but-unswept (tests and benchmarks).</summary>
        internal int IndexedKeys => _cache.Index.Count;

        /// <summary>
        /// Checks index ↔ expiry order ↔ count ↔ bytes ↔ owner (field note 4, openssl #12814); null when consistent, else what is
        /// wrong. Takes the lock; O(n). For sessions this context owns, the expiry they are ordered by must be their
        /// current one (a session cached in several contexts is owned by the one that added it last).
        /// </summary>
        public string? CheckConsistency()
        {
            lock (_cache.Gate)
            {
                var orderProblem = _cache.Expiry.Validate();
                if (orderProblem != null) return orderProblem;
                if (_cache.Expiry.Count != _cache.Count) return $"the expiry order holds {_cache.Expiry.Count} sessions but the count is {_cache.Count}";
                // Bytes is the sum of what each linked entry was counted with (its DER length when added or re-sorted).
                long bytes = 0;
                for (var e = _cache.Expiry.First; e != null; e = e.Next) bytes += e.Bytes;
                if (bytes != _cache.Bytes) return $"the cached sessions hold {bytes} bytes but Bytes says {_cache.Bytes}";
                var indexProblem = _cache.Index.Validate();
                if (indexProblem != null) return indexProblem;
                // Members number their sid_ctx tags from one counter: no two share one (SessionCache).
                var members = _cache.Members.Length == 0 ? new[] { this } : _cache.Members;
                var tags = new HashSet<int>();
                foreach (var m in members)
                    if (!tags.Add(m._sidCtxState.Tag)) return $"two contexts of the cache use sid_ctx tag {m._sidCtxState.Tag}";
                int indexed = 0, dead = 0;
                foreach (var pair in _cache.Index.Snapshot())
                {
                    var slot = pair.Value;
                    var entry = slot.Entry;
                    var session = entry.Session;
                    if (!ReferenceEquals(slot.Session, session)) return $"the slot of session {session} holds another session than its entry";
                    if (!pair.Key.Equals(entry.Key)) return $"session {session} is indexed under a key other than its own";
                    if (entry.Dead)
                    {
                        // Flushed, awaiting the sweep: out of the order, queued so that the sweep will find it, and
                        // expiring before the mark that makes readers check the flag.
                        dead++;
                        if (entry.IsLinked) return $"flushed session {session} is still in the expiry order";
                        if (slot.Expiry >= _cache.Index.FlushedBelow) return $"flushed session {session} expires at {slot.Expiry}, not before the flush mark {_cache.Index.FlushedBelow}";
                        continue;
                    }
                    indexed++;
                    if (!entry.IsLinked) return $"session {session} is indexed but not in the expiry order";
                    if (slot.Expiry != entry.Expiry) return $"the slot of session {session} says expiry {slot.Expiry}, its entry {entry.Expiry}";
                    foreach (var m in members)
                        if (slot.SidCtxTag == m._sidCtxState.Tag && !m._sidCtxState.Bytes.AsSpan().SequenceEqual(session.SidCtx))
                            return $"session {session} is tagged with the sid_ctx of context '{m.Name}' but has another";
                    if (ReferenceEquals(session.Owner, _cache.Owner) && entry.Expiry != session.ExpiresAtUnixSeconds)
                        return $"session {session} is ordered by expiry {entry.Expiry} but expires at {session.ExpiresAtUnixSeconds}";
                    if (Array.IndexOf(_cache.Protocols, session.ProtocolNumber) < 0) return $"protocol of session {session} is not tracked";
                }
                if (indexed != _cache.Count) return $"the index holds {indexed} sessions but the count is {_cache.Count}";
                int chained = 0;
                for (var e = _cache.DeadHead; e != null; e = e.Next)
                {
                    chained++;
                    if (!e.Dead) return $"session {e.Session} awaits the index sweep but is not flushed";
                    if (chained > _cache.DeadCount) return $"the sweep chain is longer than its count {_cache.DeadCount}";
                }
                if (chained != _cache.DeadCount) return $"the sweep chain holds {chained} entries but its count is {_cache.DeadCount}";
                if (dead > _cache.DeadCount) return $"the index holds {dead} flushed sessions but only {_cache.DeadCount} await the sweep";
                return null;
            }
        }
    }
}
