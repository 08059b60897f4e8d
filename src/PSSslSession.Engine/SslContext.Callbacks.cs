using System;
using System.Collections.Generic;
using System.Threading;
using PSSslSession.Codec;

namespace PSSslSession.Engine
{
    public sealed partial class SslContext
    {
        // Copy-on-write, so invoking reads a stable array without a lock and registration during a callback is safe.
        private volatile SessionCallbackRegistration[] _callbacks = Array.Empty<SessionCallbackRegistration>();
        private readonly object _callbackGate = new object();

        /// <summary>Registered callbacks, in registration order (a snapshot).</summary>
        public IReadOnlyList<SessionCallbackRegistration> Callbacks => Array.AsReadOnly(_callbacks);

        /// <summary>
        /// SSL_CTX_sess_set_new_cb, but several may be registered; they run in registration order when a handshake stores
        /// a session (<see cref="CompleteHandshake"/>), never under a cache lock. The cache keeps the session whatever the
        /// callback does (OpenSSL's return value only decides who holds a reference).
        /// </summary>
        public SessionCallbackRegistration RegisterNewCallback(NewSessionCallback callback, string? description = null) =>
            Register(SessionCallbackEvent.New, callback, description);

        /// <summary>
        /// SSL_CTX_sess_set_remove_cb, but several may be registered: called once per session that leaves the internal
        /// cache (removed, expired on lookup, evicted, flushed), with the reason, after the cache lock is released.
        /// </summary>
        /// <param name="callback">The callback.</param>
        /// <param name="description">What it is, for listings.</param>
        /// <param name="backgroundContext">Where it runs when the context itself removes sessions, on no caller's thread
        /// (the <see cref="FlushInterval"/> timer): each timer flush posts its batch there once. Null: on the timer thread.
        /// Removals a caller triggers always run on the caller's thread.</param>
        public SessionCallbackRegistration RegisterRemoveCallback(RemoveSessionCallback callback, string? description = null, SynchronizationContext? backgroundContext = null) =>
            Register(SessionCallbackEvent.Remove, callback, description, backgroundContext);

        /// <summary>
        /// SSL_CTX_sess_set_get_cb, but several may be registered: asked in registration order, when the internal lookup
        /// missed or was skipped (<see cref="SslSessionCacheMode.NoInternalLookup"/>); the first resumable session wins.
        /// </summary>
        public SessionCallbackRegistration RegisterGetCallback(GetSessionCallback callback, string? description = null) =>
            Register(SessionCallbackEvent.Get, callback, description);

        /// <summary>Removes one registration; false when it was not registered here.</summary>
        public bool UnregisterCallback(SessionCallbackRegistration registration)
        {
            if (registration == null) throw new ArgumentNullException(nameof(registration));
            lock (_callbackGate)
            {
                var current = _callbacks;
                int at = Array.IndexOf(current, registration);
                if (at < 0) return false;
                var next = new SessionCallbackRegistration[current.Length - 1];
                Array.Copy(current, 0, next, 0, at);
                Array.Copy(current, at + 1, next, at, current.Length - at - 1);
                _callbacks = next;
                return true;
            }
        }

        /// <summary>Removes every callback of <paramref name="event"/> (all when null); returns how many.</summary>
        public int UnregisterCallbacks(SessionCallbackEvent? @event = null)
        {
            lock (_callbackGate)
            {
                var current = _callbacks;
                var kept = new List<SessionCallbackRegistration>(current.Length);
                foreach (var r in current)
                    if (@event.HasValue && r.Event != @event.Value) kept.Add(r);
                _callbacks = kept.ToArray();
                return current.Length - kept.Count;
            }
        }

        private SessionCallbackRegistration Register(SessionCallbackEvent @event, Delegate callback, string? description, SynchronizationContext? backgroundContext = null)
        {
            if (callback == null) throw new ArgumentNullException(nameof(callback));
            ThrowIfClosed();
            var registration = new SessionCallbackRegistration(@event, callback, description, backgroundContext);
            lock (_callbackGate)
            {
                var current = _callbacks;
                var next = new SessionCallbackRegistration[current.Length + 1];
                current.CopyTo(next, 0);
                next[current.Length] = registration;
                _callbacks = next;
            }
            return registration;
        }

        /// <summary>
        /// Announces sessions that left the cache to the remove callbacks of whoever sees them (<see cref="Audiences"/>);
        /// must be called without the cache lock. Faults go to this, the triggering, context's result.
        /// </summary>
        private void NotifyRemoved(IReadOnlyList<SslSession>? sessions, SessionRemovalReason reason, ref List<SslCacheFault>? faults)
        {
            if (sessions == null || sessions.Count == 0) return;
            if (_cache.Members.Length <= 1)
            {
                InvokeRemoveCallbacks(sessions, reason, ref faults);
                return;
            }
            foreach (var audience in Audiences(sessions)) audience.Key.InvokeRemoveCallbacks(audience.Value, reason, ref faults);
        }

        private void InvokeRemoveCallbacks(IReadOnlyList<SslSession> sessions, SessionRemovalReason reason, ref List<SslCacheFault>? faults)
        {
            if (_callbacks.Length == 0) return;
            // A callback bound to another thread (a runspace other than the caller's) gets the batch posted there, as
            // the timer's removals are; its failures then wait for the next caller (TakeBackgroundFaults).
            bool anyHere = false;
            foreach (var r in _callbacks)
            {
                if (r.Event != SessionCallbackEvent.Remove) continue;
                if (IsBoundElsewhere(r)) PostRemoved(r, sessions, reason);
                else anyHere = true;
            }
            if (!anyHere) return;
            for (int i = 0; i < sessions.Count; i++)
                // Read per session and checked per call: a callback that unregisters one (itself or another) stops it
                // for the rest of the batch at once.
                foreach (var r in _callbacks)
                {
                    if (r.Event != SessionCallbackEvent.Remove || IsBoundElsewhere(r) || !IsRegistered(r)) continue;
                    try { ((RemoveSessionCallback)r.Handler)(this, sessions[i], reason); }
                    catch (Exception e) when (!(e is CallbackAbortException)) { AddFault(ref faults, SslCacheFaultSource.RemoveCallback, e, sessions[i]); }
                }
        }

        private bool IsRegistered(SessionCallbackRegistration registration) => Array.IndexOf(_callbacks, registration) >= 0;

        private static bool IsBoundElsewhere(SessionCallbackRegistration registration) =>
            registration.BackgroundContext is ICallbackThreadAffinity affinity && !affinity.IsCurrentThread;

        /// <summary>Runs the new-session callbacks; true when at least one was registered.</summary>
        private bool NotifyNew(SslSession session, ref List<SslCacheFault>? faults)
        {
            bool called = false;
            foreach (var r in _callbacks)
            {
                if (r.Event != SessionCallbackEvent.New) continue;
                called = true;
                try { ((NewSessionCallback)r.Handler)(this, session); }
                catch (Exception e) when (!(e is CallbackAbortException)) { AddFault(ref faults, SslCacheFaultSource.NewCallback, e, session); }
            }
            return called;
        }

        /// <summary>
        /// Asks the get callbacks in order; the first resumable session with the id asked for wins (a not-resumable one is
        /// ignored, §B.8). OpenSSL takes whatever the callback returns; a session of another id would hand one client
        /// another's session, so it is a fault (CallbackSessionMismatch) and counts as a miss of that callback.
        /// </summary>
        private SslSession? AskGetCallbacks(SessionId sessionId, ref List<SslCacheFault>? faults)
        {
            foreach (var r in _callbacks)
            {
                if (r.Event != SessionCallbackEvent.Get) continue;
                SslSession? found;
                try { found = ((GetSessionCallback)r.Handler)(this, sessionId); }
                catch (Exception e) when (!(e is CallbackAbortException)) { AddFault(ref faults, SslCacheFaultSource.GetCallback, e, null); continue; }
                if (found != null && found.Id != sessionId)
                {
                    CallbackMismatch(found, $"it returned session {found.Id} for a lookup of {sessionId}; that session was not used", ref faults);
                    continue;
                }
                if (found != null && found.IsResumable) return found;
            }
            return null;
        }

        /// <summary>A get callback's session that does not fit the lookup (id, version or session id context): never resumed or cached.</summary>
        private void CallbackMismatch(SslSession session, string message, ref List<SslCacheFault>? faults) =>
            AddFault(ref faults, SslCacheFaultSource.GetCallback, new SslContextException(SslContextError.CallbackSessionMismatch, message), session);

        private void AddFault(ref List<SslCacheFault>? faults, SslCacheFaultSource source, Exception e, SslSession? session) =>
            (faults ??= new List<SslCacheFault>()).Add(new SslCacheFault(source, e, session, Name));
    }
}
