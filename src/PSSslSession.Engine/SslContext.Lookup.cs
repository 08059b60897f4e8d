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
        /// Server resume lookup (<c>ssl_get_prev_session</c> → <c>lookup_sess_in_cache</c>, §B.8).
        /// </summary>
        /// <param name="sessionId">The id the client offered. An empty id is a miss without counters (OpenSSL does not look it up).</param>
        /// <param name="protocol">The negotiated version; null = any version (the matching entry that expires last).</param>
        /// <param name="sessionIdContext">The connection's sid_ctx; null = this context's <see cref="SessionIdContext"/>.</param>
        /// <remarks>
        /// <list type="number">
        /// <item>Unless <see cref="SslSessionCacheMode.NoInternalLookup"/>: the internal cache, without a lock; not found → Misses.</item>
        /// <item>Still nothing: the get callbacks in registration order, then the attached store (StoreHits/StoreMisses).
        /// A not-resumable result is ignored. A found session counts CallbackHits (so a success from outside counts both a
        /// miss and a callback hit, as in OpenSSL) and, unless <see cref="SslSessionCacheMode.NoInternalStore"/>, enters the
        /// internal cache (as SSL_CTX_add_session, without store write-back).</item>
        /// <item>Checks in order: other protocol → VersionMismatch; other sid_ctx → ContextMismatch (the multi-tenant
        /// isolation check; both silent in OpenSSL); <see cref="VerifyPeer"/> with an empty context → SessionIdContextUninitialized
        /// (an error, not a miss, so that the misconfiguration shows); expired → Timeouts, the session is removed from the cache and the store
        /// (remove callbacks with reason Expired), Expired; else Hits → Hit or CallbackHit.</item>
        /// </list>
        /// The internal hit path takes no lock and allocates only its result (48 bytes; a result cached on the entry would
        /// cost two more cache misses per hit at a million sessions, measured at less than half the lookups per second).
        /// </remarks>
        /// <exception cref="SslContextException">ContextClosed; SessionIdContextTooLong for a context over 32 bytes;
        /// SessionIdContextUninitialized (see <see cref="VerifyPeer"/>).</exception>
        public SslLookupResult Lookup(SessionId sessionId, SslProtocol? protocol = null, byte[]? sessionIdContext = null)
        {
            ThrowIfClosed();
            if (sessionIdContext != null && sessionIdContext.Length > SslSessionCodec.MaxSessionIdContextLength)
                throw new SslContextException(SslContextError.SessionIdContextTooLong, $"The session id context is {sessionIdContext.Length} bytes; at most {SslSessionCodec.MaxSessionIdContextLength} are allowed.");
            if (sessionId.IsEmpty) return new SslLookupResult(SslLookupOutcome.Miss, sessionId, null, null);

            var mode = CacheMode;
            // Read before the probe; see SessionIdContextState for why it is compared again afterwards.
            var sidCtx = _sidCtxState;
            List<SslCacheFault>? faults = null;
            SslSession? session = null;
            IndexedSession found = default;
            bool internalHit = false, fromOutside = false, fromCallback = false;
            if ((mode & SslSessionCacheMode.NoInternalLookup) == 0)
            {
                internalHit = FindInternal(sessionId, protocol, out found);
                if (!internalHit) _counters.Misses.Increment();
                else session = found.Session;
            }
            if (session == null)
            {
                session = AskGetCallbacks(sessionId, ref faults);
                fromCallback = session != null;
                if (session == null && _cache.Store != null)
                {
                    session = StoreGet(sessionId, protocol, ref faults, count: true);
                    if (session != null && !session.IsResumable) session = null;
                }
                if (session == null) return new SslLookupResult(SslLookupOutcome.Miss, sessionId, null, faults);
                fromOutside = true;
                CacheCounters.Increment(ref _counters.CallbackHits);
            }

            // An internal entry found under a protocol was keyed by it, so only a session from outside can differ.
            // A session from outside that fails these checks is not cached: a callback or a shared store could
            // otherwise fill this cache with sessions it can never resume (another tenant's, in a shared cache).
            if (protocol.HasValue && !internalHit && session.ProtocolNumber != protocol.Value.Number)
            {
                if (fromCallback) CallbackMismatch(session, $"it returned session {session.Id} of {session.Protocol} for a {protocol.Value} lookup; that session was not used", ref faults);
                return new SslLookupResult(SslLookupOutcome.VersionMismatch, sessionId, session, faults);
            }
            var expected = sessionIdContext ?? sidCtx.Bytes;
            bool taggedSame = internalHit && sessionIdContext == null && found.SidCtxTag == sidCtx.Tag && ReferenceEquals(sidCtx, _sidCtxState);
            if (!taggedSame && !session.SidCtx.AsSpan().SequenceEqual(expected))
            {
                if (fromCallback) CallbackMismatch(session, $"it returned session {session.Id} of another session id context; that session was not used", ref faults);
                return new SslLookupResult(SslLookupOutcome.ContextMismatch, sessionId, session, faults);
            }
            if (fromOutside && (mode & SslSessionCacheMode.NoInternalStore) == 0)
            {
                AddInternal(session, ref faults, out var evicted);
                NotifyRemoved(evicted, SessionRemovalReason.Evicted, ref faults);
            }
            if (VerifyPeer && expected.Length == 0)
                throw new SslContextException(SslContextError.SessionIdContextUninitialized,
                    $"The SSL context '{Name}' verifies peers but has no session id context, so no session can be resumed safely (SSL_R_SESSION_ID_CONTEXT_UNINITIALIZED). Set a session id context.");
            // Strict expiry (now > start + timeout); an internal entry carries the expiry it is ordered and flushed by.
            if (NowUnixSeconds() > (internalHit ? found.Expiry : session.ExpiresAtUnixSeconds))
            {
                CacheCounters.Increment(ref _counters.Timeouts);
                RemoveExpired(session, ref faults);
                return new SslLookupResult(SslLookupOutcome.Expired, sessionId, session, faults);
            }
            _counters.Hits.Increment();
            return new SslLookupResult(fromOutside ? SslLookupOutcome.CallbackHit : SslLookupOutcome.Hit, sessionId, session, faults);
        }

        /// <summary>
        /// SSL_has_matching_session_id: whether the internal cache holds <paramref name="sessionId"/> under
        /// <paramref name="protocol"/> (null = any). The store is not consulted. No statistics side effects. In a shared
        /// cache, any member's session counts (as in OpenSSL, which asks it to keep generated ids unique).
        /// </summary>
        public bool HasMatchingSessionId(SessionId sessionId, SslProtocol? protocol = null) =>
            protocol.HasValue ? _cache.Index.Contains(protocol.GetValueOrDefault().Number, sessionId.Span) : HasMatchingSessionIdAnyProtocol(sessionId);

        private bool HasMatchingSessionIdAnyProtocol(SessionId sessionId)
        {
            foreach (var p in _cache.Protocols)
                if (_cache.Index.Contains(p, sessionId.Span)) return true;
            return false;
        }

        /// <summary>
        /// Cached sessions with this id (any protocol, or one), latest expiry first; in a shared cache those of this
        /// context's part. No statistics side effects.
        /// </summary>
        public IReadOnlyList<SslSession> FindSessions(SessionId sessionId, SslProtocol? protocol = null)
        {
            if (protocol.HasValue)
                return _cache.Index.TryGet(protocol.Value.Number, sessionId.Span, out var one) && Sees(one.Session) ? new[] { one.Session } : Array.Empty<SslSession>();
            List<SslSession>? found = null;
            foreach (var p in _cache.Protocols)
                if (_cache.Index.TryGet(p, sessionId.Span, out var e) && Sees(e.Session)) (found ??= new List<SslSession>()).Add(e.Session);
            if (found == null) return Array.Empty<SslSession>();
            found.Sort((a, b) => b.ExpiresAtUnixSeconds.CompareTo(a.ExpiresAtUnixSeconds));
            return found.ToArray();
        }

        /// <summary>The lock-free internal lookup; with no protocol, the session for the id that expires last.</summary>
        private bool FindInternal(SessionId sessionId, SslProtocol? protocol, out IndexedSession found)
        {
            if (protocol.HasValue) return _cache.Index.TryGet(protocol.Value.Number, sessionId.Span, out found);
            found = default;
            bool any = false;
            foreach (var p in _cache.Protocols)
                if (_cache.Index.TryGet(p, sessionId.Span, out var e) &&
                    (!any || e.Session.ExpiresAtUnixSeconds > found.Session.ExpiresAtUnixSeconds))
                {
                    found = e;
                    any = true;
                }
            return any;
        }

        /// <summary>"Now" in Unix seconds; with the system clock from <see cref="CoarseUnixClock"/>, which rarely reads the clock.</summary>
        private long NowUnixSeconds() =>
            ReferenceEquals(Clock, SystemClock.Instance) ? CoarseUnixClock.NowSeconds() : Clock.UtcNow.ToUnixTimeSeconds();

        /// <summary>§B.8 step 4: an expired session found by id is removed (SSL_CTX_remove_session) from the cache and the store.</summary>
        private void RemoveExpired(SslSession session, ref List<SslCacheFault>? faults)
        {
            SslSession? removed = null;
            lock (_cache.Gate)
            {
                var key = CacheKey.Of(session);
                // Only this instance: a fresh session that replaced it meanwhile must survive.
                var entry = _cache.Index.Find(key);
                if (entry != null && !entry.Dead && ReferenceEquals(entry.Session, session))
                    removed = RemoveLocked(key, anyPart: true);
                session.NotResumable = true;
            }
            if (removed != null) NotifyRemoved(new[] { removed }, SessionRemovalReason.Expired, ref faults);
            StoreRemove(session.Id, session.GetProtocol(), session, ref faults);
        }
    }
}
