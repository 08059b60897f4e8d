using System;
using System.Collections.Generic;
using System.Threading;
using PSSslSession.Codec;
using PSSslSession.Engine.Cache;

namespace PSSslSession.Engine
{
    public sealed partial class SslContext
    {
        private volatile ISslSessionStore? _store;
        // 1 while the store is failing: further failures are counted but not reported until a call succeeds again.
        private int _storeFailing;

        /// <summary>The attached external store, or null.</summary>
        /// <remarks>
        /// The store is fed by the same paths as the callbacks, never under a cache lock:
        /// <list type="bullet">
        /// <item><see cref="ISslSessionStore.Put"/> when a handshake stores a session (<see cref="CompleteHandshake"/>, also
        /// with <see cref="SslSessionCacheMode.NoInternalStore"/>) and when <see cref="Add"/> creates an entry (write-through;
        /// OpenSSL's SSL_CTX_add_session calls no callback).</item>
        /// <item><see cref="ISslSessionStore.Get"/> on a resume lookup, after the get callbacks found nothing.</item>
        /// <item><see cref="ISslSessionStore.Remove"/> for every way out of the cache except eviction (Removed, Expired,
        /// Flushed): evicted sessions are still valid and stay in the store, as with OpenSSL external caches.
        /// <see cref="Close"/> leaves the store untouched.</item>
        /// </list>
        /// A failing store becomes a fault (source Store) and counts in StoreErrors; only the first failure of an outage
        /// is reported, until a store call succeeds again.
        /// </remarks>
        public ISslSessionStore? Store => _store;

        /// <summary>
        /// Attaches (or with null detaches) an external store. With <paramref name="load"/> and a store that can enumerate,
        /// its unexpired sessions enter the internal cache (no new-session callbacks, no write-back; evictions, if the store
        /// holds more than the cache size, count and fire as usual). The result's <see cref="FlushResult.Removed"/> lists
        /// the sessions loaded. A previously attached store is detached, not disposed.
        /// </summary>
        /// <exception cref="SslContextException">ContextClosed.</exception>
        public FlushResult AttachStore(ISslSessionStore? store, bool load = true)
        {
            ThrowIfClosed();
            _store = store;
            Volatile.Write(ref _storeFailing, 0);
            if (store == null || !load || !store.CanEnumerate) return new FlushResult(Array.Empty<SslSession>(), null);
            List<SslCacheFault>? faults = null;
            IReadOnlyList<SslSession> stored;
            try
            {
                stored = store.LoadUnexpired(Clock.UtcNow);
                StoreSucceeded();
            }
            catch (Exception e)
            {
                StoreFailed(e, null, ref faults);
                return new FlushResult(Array.Empty<SslSession>(), faults);
            }
            var loaded = new List<SslSession>(stored.Count);
            foreach (var s in stored)
            {
                if (s == null) continue;
                AddInternal(s, ref faults, out var evicted);
                NotifyRemoved(evicted, SessionRemovalReason.Evicted, ref faults);
                loaded.Add(s);
            }
            return new FlushResult(loaded, faults);
        }

        private bool StorePut(SslSession session, ref List<SslCacheFault>? faults)
        {
            var store = _store;
            if (store == null) return false;
            try
            {
                store.Put(session, Clock.UtcNow);
                StoreSucceeded();
                return true;
            }
            catch (Exception e)
            {
                StoreFailed(e, session, ref faults);
                return false;
            }
        }

        private SslSession? StoreGet(SessionId sessionId, SslProtocol? protocol, ref List<SslCacheFault>? faults, bool count)
        {
            var store = _store;
            if (store == null) return null;
            try
            {
                var found = store.Get(sessionId, protocol, Clock.UtcNow);
                StoreSucceeded();
                if (count && found != null) CacheCounters.Increment(ref _counters.StoreHits);
                else if (count) CacheCounters.Increment(ref _counters.StoreMisses);
                return found;
            }
            catch (Exception e)
            {
                StoreFailed(e, null, ref faults);
                return null;
            }
        }

        private void StoreRemove(SessionId sessionId, SslProtocol protocol, SslSession? session, ref List<SslCacheFault>? faults)
        {
            var store = _store;
            if (store == null) return;
            try
            {
                store.Remove(sessionId, protocol);
                StoreSucceeded();
            }
            catch (Exception e)
            {
                StoreFailed(e, session, ref faults);
            }
        }

        private void StoreSucceeded()
        {
            if (Volatile.Read(ref _storeFailing) != 0) Volatile.Write(ref _storeFailing, 0);
        }

        private void StoreFailed(Exception e, SslSession? session, ref List<SslCacheFault>? faults)
        {
            CacheCounters.Increment(ref _counters.StoreErrors);
            if (Interlocked.Exchange(ref _storeFailing, 1) == 0) AddFault(ref faults, SslCacheFaultSource.Store, e, session);
        }
    }
}
