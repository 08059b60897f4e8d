using System;
using System.Collections.Generic;
using System.Threading;
using PSSslSession.Codec;
using PSSslSession.Engine.Cache;

namespace PSSslSession.Engine
{
    public sealed partial class SslContext
    {
        /// <summary>The attached external store, or null.</summary>
        /// <remarks>
        /// The store is fed by the same paths as the callbacks, never under a cache lock:
        /// <list type="bullet">
        /// <item><see cref="ISslSessionStore.Put"/> when a handshake stores a session (<see cref="CompleteHandshake"/>, also
        /// with <see cref="SslSessionCacheMode.NoInternalStore"/>) and when <see cref="Add"/> creates an entry (write-through;
        /// OpenSSL's SSL_CTX_add_session calls no callback); <see cref="AddRange"/> writes its new entries as one batch to
        /// an <see cref="ISslSessionBatchStore"/>.</item>
        /// <item><see cref="ISslSessionStore.Get"/> on a resume lookup, after the get callbacks found nothing.</item>
        /// <item><see cref="ISslSessionStore.Remove"/> for every way out of the cache except eviction (Removed, Expired,
        /// Flushed): evicted sessions are still valid and stay in the store, as with OpenSSL external caches.
        /// <see cref="Close"/> leaves the store untouched.</item>
        /// </list>
        /// A failing store becomes a fault (source Store; one per operation, counting its writes) and counts in
        /// StoreErrors. Writes that meet an unreachable store (<see cref="ISslSessionStore.IsTransient"/>) are kept in
        /// order and replayed when it answers again, by the next operation or a timer every half second; a write that
        /// finds <see cref="StoreBacklogCapacity"/> full, or that the store refuses for good, is dropped and counted
        /// (<see cref="StoreWritesDropped"/>). Nothing is lost without a fault saying so.
        /// </remarks>
        public ISslSessionStore? Store => _cache.Store;

        /// <summary>
        /// Attaches (or with null detaches) an external store. With <paramref name="load"/> and a store that can enumerate,
        /// its unexpired sessions enter the internal cache (no new-session callbacks, no write-back; evictions, if the store
        /// holds more than the cache size, count and fire as usual). The result's <see cref="FlushResult.Removed"/> lists
        /// the sessions loaded. A previously attached store is detached, not disposed; writes still waiting for it are
        /// tried once more and what it cannot take is dropped and reported as a fault.
        /// </summary>
        /// <exception cref="SslContextException">ContextClosed.</exception>
        public FlushResult AttachStore(ISslSessionStore? store, bool load = true)
        {
            ISslSessionStore? previous;
            // Checked and swapped under the cache lock, which Close takes to close: a closed context never gets a store.
            lock (_cache.Gate)
            {
                ThrowIfClosed();
                previous = _cache.Store;
                _cache.Store = store;
            }
            // Writes waiting for the store being replaced were meant for it: one last try, then they are dropped and said.
            var ended = ReferenceEquals(previous, store) ? null : EndStoreBacklog(previous, new FlushResult(Array.Empty<SslSession>(), null)).Faults;
            List<SslCacheFault>? faults = ended != null && ended.Count > 0 ? new List<SslCacheFault>(ended) : null;
            if (store == null || !load || !store.CanEnumerate) return new FlushResult(Array.Empty<SslSession>(), faults);
            IReadOnlyList<SslSession> stored;
            try
            {
                stored = store.LoadUnexpired(Clock.UtcNow);
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

        /// <summary>SSL_CTX-independent: how many store writes are kept while the store is unreachable (default 100,000); 0 keeps none.</summary>
        public int StoreBacklogCapacity
        {
            get { lock (_cache.BacklogGate) return _cache.Backlog.Capacity; }
            set
            {
                if (value < 0) throw new SslContextException(SslContextError.InvalidCacheSize, $"The store backlog cannot be negative ({value}).");
                lock (_cache.BacklogGate) _cache.Backlog.Capacity = value;
            }
        }

        /// <summary>Store writes kept for replay now.</summary>
        public int StoreWritesPending { get { lock (_cache.BacklogGate) return _cache.Backlog.Count; } }

        /// <summary>Store writes dropped since the context was made (backlog full, or refused by the store for good).</summary>
        public long StoreWritesDropped { get { lock (_cache.BacklogGate) return _cache.Backlog.Dropped; } }

        /// <summary>
        /// Writes the waiting store writes now, trying again until none is left or <paramref name="wait"/> has passed (for
        /// a process about to exit, or a script that wants its writes in the store before it goes on). Returns how many
        /// still wait.
        /// </summary>
        public int DrainStoreBacklog(TimeSpan wait)
        {
            var deadline = DateTime.UtcNow + wait;
            while (true)
            {
                var store = _cache.Store;
                if (store == null || _cache.Closed) return StoreWritesPending;
                Volatile.Write(ref _cache.NextProbeTicks, 0);
                if (ReplayBacklog(store)) return 0;
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) return StoreWritesPending;
                Thread.Sleep(left < ProbeInterval ? left : ProbeInterval);
            }
        }

        /// <summary>Default of <see cref="StoreBacklogCapacity"/>.</summary>
        public const int DefaultStoreBacklogCapacity = 100_000;

        // While writes wait, the store is tried at most this often (by the next operation or the replay timer), so a
        // store that is back is noticed within about this long, and an unreachable one costs no time per operation.
        internal static TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(500);

        private bool StorePut(SslSession session, ref List<SslCacheFault>? faults) =>
            StoreWrite(StoreBacklog.Write.Put(session), session, ref faults);

        /// <summary>
        /// The store writes of a batch of new entries: one <see cref="ISslSessionBatchStore.PutMany"/> when the store takes
        /// batches and nothing waits before them; otherwise, or when the store refuses the batch for good (one session it
        /// cannot hold fails the whole transaction), one write each, so only what the store refuses is dropped. An outage
        /// keeps them all for replay, as single writes would be kept.
        /// </summary>
        private void StorePutMany(IReadOnlyList<SslSession> sessions, ref List<SslCacheFault>? faults)
        {
            var store = _cache.Store;
            if (store == null) return;
            if (store is ISslSessionBatchStore batch && sessions.Count > 1 && ReplayBacklog(store))
            {
                try
                {
                    batch.PutMany(sessions, Clock.UtcNow);
                    return;
                }
                catch (Exception e) when (store.IsTransient(e))
                {
                    CacheCounters.Increment(ref _counters.StoreErrors);
                    foreach (var session in sessions) Keep(StoreBacklog.Write.Put(session), session, e, ref faults);
                    return;
                }
                catch (Exception)
                {
                    // Refused for good: find the session the store cannot hold by writing one at a time below.
                }
            }
            foreach (var session in sessions) StorePut(session, ref faults);
        }

        private void StoreRemove(SessionId sessionId, SslProtocol protocol, SslSession? session, ref List<SslCacheFault>? faults) =>
            StoreWrite(StoreBacklog.Write.Remove(sessionId, protocol), session, ref faults);

        /// <summary>Writes through to the store; behind waiting writes, or when the store is unreachable, keeps it for replay.</summary>
        private bool StoreWrite(StoreBacklog.Write write, SslSession? session, ref List<SslCacheFault>? faults)
        {
            var store = _cache.Store;
            if (store == null) return false;
            if (!ReplayBacklog(store))
            {
                Keep(write, session, null, ref faults);
                return false;
            }
            try
            {
                write.ApplyTo(store, Clock.UtcNow);
                return true;
            }
            catch (Exception e)
            {
                CacheCounters.Increment(ref _counters.StoreErrors);
                if (store.IsTransient(e)) Keep(write, session, e, ref faults);
                else
                {
                    lock (_cache.BacklogGate) _cache.Backlog.CountDropped();
                    StoreFault(e, session, false, ref faults).DroppedWrites++;
                }
                return false;
            }
        }

        /// <summary>Puts a write behind the others (or drops it when the backlog is full) and makes sure replay runs.</summary>
        private void Keep(StoreBacklog.Write write, SslSession? session, Exception? failure, ref List<SslCacheFault>? faults)
        {
            bool kept;
            lock (_cache.BacklogGate)
            {
                kept = _cache.Backlog.TryAdd(write);
                if (_cache.ReplayTimer == null && !_cache.Closed)
                    _cache.ReplayTimer = new Timer(_ => ReplayFromTimer(), null, ProbeInterval, ProbeInterval);
                if (failure != null) Volatile.Write(ref _cache.NextProbeTicks, DateTime.UtcNow.Add(ProbeInterval).Ticks);
            }
            var fault = StoreFault(failure ?? _cache.LastStoreFailure ?? new InvalidOperationException("the store did not answer"), session, true, ref faults);
            if (kept) fault.QueuedWrites++;
            else fault.DroppedWrites++;
        }

        /// <summary>
        /// Replays waiting writes in order; true when none is left. Without trying the store when the last try was less
        /// than <see cref="ProbeInterval"/> ago, or while another thread replays.
        /// </summary>
        private bool ReplayBacklog(ISslSessionStore store)
        {
            if (StoreWritesPending == 0) return true;
            if (DateTime.UtcNow.Ticks < Volatile.Read(ref _cache.NextProbeTicks)) return false;
            if (!Monitor.TryEnter(_cache.DrainGate)) return false;
            try
            {
                while (true)
                {
                    StoreBacklog.Write next;
                    long generation;
                    lock (_cache.BacklogGate) if (!_cache.Backlog.TryPeek(out next, out generation)) return true;
                    try
                    {
                        next.ApplyTo(store, Clock.UtcNow);
                    }
                    catch (Exception e) when (store.IsTransient(e))
                    {
                        _cache.LastStoreFailure = e;
                        Volatile.Write(ref _cache.NextProbeTicks, DateTime.UtcNow.Add(ProbeInterval).Ticks);
                        return false;
                    }
                    catch (Exception)
                    {
                        lock (_cache.BacklogGate) _cache.Backlog.CountDropped();
                    }
                    lock (_cache.BacklogGate) _cache.Backlog.RemoveFirst(generation);
                }
            }
            finally
            {
                Monitor.Exit(_cache.DrainGate);
            }
        }

        private void ReplayFromTimer()
        {
            var store = _cache.Store;
            if (store == null || _cache.Closed || ReplayBacklog(store))
            {
                lock (_cache.BacklogGate)
                {
                    if (_cache.Backlog.Count > 0 && store != null && !_cache.Closed) return;
                    _cache.ReplayTimer?.Dispose();
                    _cache.ReplayTimer = null;
                }
            }
        }

        /// <summary>
        /// On close: one last replay of the waiting writes; what the store still cannot take is dropped and reported in
        /// the result, and the replay timer stops.
        /// </summary>
        private FlushResult EndStoreBacklog(ISslSessionStore? store, FlushResult result)
        {
            if (store != null && StoreWritesPending > 0)
            {
                Volatile.Write(ref _cache.NextProbeTicks, 0);
                ReplayBacklog(store);
            }
            int dropped;
            lock (_cache.BacklogGate)
            {
                dropped = _cache.Backlog.DropAll();
                _cache.ReplayTimer?.Dispose();
                _cache.ReplayTimer = null;
            }
            if (dropped == 0) return result;
            var faults = new List<SslCacheFault>(result.Faults);
            var failure = _cache.LastStoreFailure ?? new InvalidOperationException("the store did not answer");
            faults.Add(new SslCacheFault(SslCacheFaultSource.Store, failure, null, Name) { IsTransient = true, DroppedWrites = dropped, Store = store?.ToString() });
            return new FlushResult(result.Removed, faults);
        }

        private SslSession? StoreGet(SessionId sessionId, SslProtocol? protocol, ref List<SslCacheFault>? faults, bool count)
        {
            var store = _cache.Store;
            if (store == null) return null;
            // While writes wait for an unreachable store, lookups go to the internal cache only, without waiting on it.
            if (StoreWritesPending > 0 && DateTime.UtcNow.Ticks < Volatile.Read(ref _cache.NextProbeTicks)) return null;
            try
            {
                var found = store.Get(sessionId, protocol, Clock.UtcNow);
                if (count && found != null) CacheCounters.Increment(ref _counters.StoreHits);
                else if (count) CacheCounters.Increment(ref _counters.StoreMisses);
                return found;
            }
            catch (Exception e)
            {
                CacheCounters.Increment(ref _counters.StoreErrors);
                StoreFault(e, null, store.IsTransient(e), ref faults);
                return null;
            }
        }

        private void StoreFailed(Exception e, SslSession? session, ref List<SslCacheFault>? faults)
        {
            CacheCounters.Increment(ref _counters.StoreErrors);
            var store = _cache.Store;
            StoreFault(e, session, store != null && store.IsTransient(e), ref faults);
        }

        /// <summary>The one store fault of an operation: made at its first store failure, counting its kept and dropped writes.</summary>
        private SslCacheFault StoreFault(Exception e, SslSession? session, bool transient, ref List<SslCacheFault>? faults)
        {
            if (faults != null)
                foreach (var f in faults)
                    if (f.Source == SslCacheFaultSource.Store && f.IsTransient == transient) return f;
            if (transient) _cache.LastStoreFailure = e;
            var fault = new SslCacheFault(SslCacheFaultSource.Store, e, session, Name) { IsTransient = transient, Store = _cache.Store?.ToString() };
            (faults ??= new List<SslCacheFault>()).Add(fault);
            return fault;
        }
    }
}
