using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using PSSslSession.Codec;
using PSSslSession.Engine.Cache;

namespace PSSslSession.Engine
{
    public sealed partial class SslContext
    {
        /// <summary>System.Threading.Timer's largest period (0xFFFFFFFE ms, about 49.7 days).</summary>
        public static readonly TimeSpan MaxFlushInterval = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

        /// <summary>The shortest period (100 ms): shorter ones only spend CPU on wakeups, since expiry counts in seconds.</summary>
        public static readonly TimeSpan MinFlushInterval = TimeSpan.FromMilliseconds(100);

        // Faults kept for the next caller: this many at most, the rest only counted.
        private const int MaxBackgroundFaults = 1000;

        private readonly ConcurrentQueue<SslCacheFault> _backgroundFaults = new ConcurrentQueue<SslCacheFault>();
        private int _backgroundFaultsDropped;

        /// <summary>
        /// Flushes expired sessions on this period without any call (h2o flushes every lifetime/4 for predictable
        /// latency; OpenSSL only has the every-255-handshakes auto-clear); <see cref="TimeSpan.Zero"/> = off (the default).
        /// A timer flush is <see cref="Flush(DateTimeOffset)"/> at the clock's now, counted in Flushes.
        /// </summary>
        /// <remarks>
        /// <para>It runs on a thread-pool thread, which keeps no process alive, and stops when the context is closed (or
        /// collected unreferenced). Remove callbacks registered with a background context
        /// (<see cref="RegisterRemoveCallback"/>) are posted there, one batch per flush, each session exactly once; the
        /// others run on the timer thread. Their failures, and store failures of the flush, wait for the next caller
        /// (<see cref="TakeBackgroundFaults"/>).</para>
        /// <para>Negative, shorter than <see cref="MinFlushInterval"/> (but not 0), or longer than <see cref="MaxFlushInterval"/>
        /// → <see cref="SslContextException"/> InvalidFlushInterval.</para>
        /// </remarks>
        public TimeSpan FlushInterval
        {
            get { lock (_cache.Gate) return _cache.FlushInterval; }
            set
            {
                CheckFlushInterval(value);
                lock (_cache.Gate) SetFlushIntervalLocked(value);
            }
        }

        private static void CheckFlushInterval(TimeSpan value)
        {
            if (value < TimeSpan.Zero || value > MaxFlushInterval || (value > TimeSpan.Zero && value < MinFlushInterval))
                throw new SslContextException(SslContextError.InvalidFlushInterval,
                    $"The flush interval must be 0 (off) or between {MinFlushInterval.TotalMilliseconds:F0} ms and {MaxFlushInterval.TotalDays:F1} days; {value} is not.");
        }

        private void SetFlushIntervalLocked(TimeSpan value)
        {
            _cache.FlushInterval = value;
            _cache.FlushTimer?.Dispose();
            _cache.FlushTimer = null;
            if (value <= TimeSpan.Zero || _cache.Closed) return;
            // A weak reference: the timer must not keep an unreferenced cache (and itself) alive.
            _cache.FlushTimer = new Timer(OnFlushTimer, new WeakReference<SessionCache>(_cache), value, value);
        }

        /// <summary>Whether a flush timer is scheduled (tests).</summary>
        internal bool HasFlushTimer
        {
            get { lock (_cache.Gate) return _cache.FlushTimer != null; }
        }

        private void StopFlushTimerLocked()
        {
            _cache.FlushTimer?.Dispose();
            _cache.FlushTimer = null;
        }

        /// <summary>The cache's timer: any member runs the flush (it belongs to the cache, not to the member that set it).</summary>
        private static void OnFlushTimer(object? state)
        {
            if (state is WeakReference<SessionCache> weak && weak.TryGetTarget(out var cache))
            {
                var members = cache.Members;
                if (members.Length > 0) members[0].RunTimerFlush();
            }
        }

        /// <summary>One timer tick: a flush at now, unless the previous tick's flush is still running.</summary>
        internal void RunTimerFlush()
        {
            if (_cache.Closed || Interlocked.Exchange(ref _cache.TimerFlushRunning, 1) == 1) return;
            try
            {
                var result = FlushExpired(NowUnixSeconds(), background: true);
                foreach (var fault in result.Faults) KeepBackgroundFault(fault);
            }
            catch (SslContextException) when (_cache.Closed)
            {
                // Closed meanwhile: nothing left to flush.
            }
            finally
            {
                Volatile.Write(ref _cache.TimerFlushRunning, 0);
            }
        }

        /// <summary>
        /// Announces sessions the timer flushed: callbacks with a background context get the batch posted there, the
        /// others run here. Failures are kept for the next caller.
        /// </summary>
        private void NotifyRemovedInBackground(IReadOnlyList<SslSession> sessions, SessionRemovalReason reason)
        {
            foreach (var audience in Audiences(sessions)) audience.Key.AnnounceTimerPart(audience.Value, reason);
        }

        /// <summary>This context's part of a timer batch: counted in its Flushes, posted to (or run for) its remove callbacks.</summary>
        private void AnnounceTimerPart(IReadOnlyList<SslSession> sessions, SessionRemovalReason reason)
        {
            CacheCounters.Add(ref _counters.Flushes, sessions.Count);
            foreach (var r in _callbacks)
            {
                if (r.Event != SessionCallbackEvent.Remove) continue;
                if (r.BackgroundContext == null) DeliverRemoved(r, sessions, reason);
                else PostRemoved(r, sessions, reason);
            }
        }

        /// <summary>Posts a batch to a callback's background context, to be delivered there once.</summary>
        private void PostRemoved(SessionCallbackRegistration registration, IReadOnlyList<SslSession> sessions, SessionRemovalReason reason)
        {
            try { registration.BackgroundContext!.Post(_ => DeliverRemoved(registration, sessions, reason), null); }
            catch (Exception e) { KeepBackgroundFault(new SslCacheFault(SslCacheFaultSource.RemoveCallback, e, null, Name)); }
        }

        private void DeliverRemoved(SessionCallbackRegistration registration, IReadOnlyList<SslSession> sessions, SessionRemovalReason reason)
        {
            foreach (var session in sessions)
            {
                // Unregistered meanwhile (perhaps by itself): no more calls, as for a cmdlet's batch.
                if (!IsRegistered(registration)) return;
                try { ((RemoveSessionCallback)registration.Handler)(this, session, reason); }
                // Nothing called this but the timer: an abort only ends this batch for this callback.
                catch (CallbackAbortException) { return; }
                catch (Exception e) { KeepBackgroundFault(new SslCacheFault(SslCacheFaultSource.RemoveCallback, e, session, Name)); }
            }
        }

        private void KeepBackgroundFault(SslCacheFault fault)
        {
            if (_backgroundFaults.Count < MaxBackgroundFaults) _backgroundFaults.Enqueue(fault);
            else Interlocked.Increment(ref _backgroundFaultsDropped);
        }

        /// <summary>
        /// Failures of work the context did on its own (the timer flush's remove callbacks and store removals), oldest
        /// first, each returned once; the module's cmdlets report them as errors of the next call on the context.
        /// At most 1000 are kept; <paramref name="dropped"/> says how many more there were.
        /// </summary>
        public IReadOnlyList<SslCacheFault> TakeBackgroundFaults(out int dropped)
        {
            dropped = Interlocked.Exchange(ref _backgroundFaultsDropped, 0);
            if (_backgroundFaults.IsEmpty) return Array.Empty<SslCacheFault>();
            var taken = new List<SslCacheFault>();
            while (_backgroundFaults.TryDequeue(out var fault)) taken.Add(fault);
            return taken;
        }
    }
}
