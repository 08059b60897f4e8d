using System;
using System.Collections.Generic;
using PSSslSession.Codec;
using PSSslSession.Engine.Cache;

namespace PSSslSession.Engine
{
    public sealed partial class SslContext
    {
        /// <summary>
        /// The end of a handshake: the start and good counters (<c>sess_accept</c>/<c>sess_accept_good</c> for a server,
        /// <c>sess_connect</c>/<c>sess_connect_good</c> for a client) and <c>ssl_update_cache</c> (§B.6, §B.7).
        /// </summary>
        /// <param name="session">The session the handshake produced or resumed.</param>
        /// <param name="role">Which side completed the handshake.</param>
        /// <param name="resumed">The handshake resumed <paramref name="session"/>. On a client this counts a hit (§B.8, last paragraph).</param>
        /// <remarks>
        /// <list type="number">
        /// <item>A client that resumed a TLS 1.3 session in <see cref="SslSessionCacheMode.Client"/> mode removes it from
        /// the cache first (tickets are single use, §B.4), which leaves it not resumable.</item>
        /// <item>An empty id or a not-resumable session: nothing more happens, no auto-clear either (as
        /// <c>ssl_update_cache</c> returns at once). TLS≤1.2 server ticket sessions are like this. So is a server session
        /// with an empty sid_ctx while <see cref="VerifyPeer"/> is set.</item>
        /// <item>If the role's bit is in <see cref="CacheMode"/> and the handshake is new or TLS 1.3 (each ticket is a new
        /// session): the internal cache takes it unless <see cref="SslSessionCacheMode.NoInternalStore"/>; the attached store
        /// gets it; the new-session callbacks run.</item>
        /// <item>Auto-clear: if the role's bit is set and <see cref="SslSessionCacheMode.NoAutoClear"/> is not, and the good
        /// counter before this handshake ended in 0xFF, expired sessions are flushed (<see cref="Flush"/> at now). That is
        /// handshakes no. 256, 512, …; <see cref="HandshakeResult.AutoFlush"/> reports it and its faults are also in
        /// <see cref="SslCacheOperationResult.Faults"/>.</item>
        /// </list>
        /// </remarks>
        /// <exception cref="SslContextException">ContextClosed.</exception>
        public HandshakeResult CompleteHandshake(SslSession session, SslRole role, bool resumed = false)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            ThrowIfClosed();
            long goodBefore;
            if (role == SslRole.Server)
            {
                CacheCounters.Increment(ref _counters.Accept);
                goodBefore = System.Threading.Interlocked.Increment(ref _counters.AcceptGood.Value) - 1;
            }
            else
            {
                CacheCounters.Increment(ref _counters.Connect);
                goodBefore = System.Threading.Interlocked.Increment(ref _counters.ConnectGood.Value) - 1;
                if (resumed) _counters.Hits.Increment();
            }

            var mode = CacheMode;
            List<SslCacheFault>? faults = null;
            // §B.4: a TLS 1.3 ticket is single use (RFC 8446 appendix C.4). A client that resumed with one removes it
            // from its cache (remove callback, reason Removed), which also marks it not resumable, so it is not stored again.
            if (role == SslRole.Client && resumed && session.GetProtocol().IsTls13 && (mode & SslSessionCacheMode.Client) != 0 && !session.Id.IsEmpty)
                foreach (var f in Remove(session).Faults) (faults ??= new List<SslCacheFault>()).Add(f);

            if (session.Id.IsEmpty || !session.IsResumable) return new HandshakeResult(false, false, false, null, faults);
            // §B.7 step 2: such a session could never be resumed; the session carries the connection's sid_ctx.
            if (role == SslRole.Server && VerifyPeer && session.SidCtx.Length == 0) return new HandshakeResult(false, false, false, null, faults);

            var roleBit = role == SslRole.Server ? SslSessionCacheMode.Server : SslSessionCacheMode.Client;
            bool cached = false, called = false, stored = false, tooLarge = false;
            if ((mode & roleBit) != 0 && (!resumed || session.GetProtocol().IsTls13))
            {
                if ((mode & SslSessionCacheMode.NoInternalStore) == 0)
                {
                    var outcome = AddInternal(session, ref faults, out var evicted);
                    NotifyRemoved(evicted, SessionRemovalReason.Evicted, ref faults);
                    tooLarge = outcome.TooLarge;
                    cached = !tooLarge;
                }
                else if (IsTooLarge(session.EncodedLength))
                {
                    tooLarge = true;
                    CacheCounters.Increment(ref _counters.TooLarge);
                }
                // The size limit is the context's, for its store too; new-session callbacks still see the session.
                if (!tooLarge) stored = StorePut(session, ref faults);
                called = NotifyNew(session, ref faults);
            }

            FlushResult? autoFlush = null;
            if ((mode & roleBit) != 0 && (mode & SslSessionCacheMode.NoAutoClear) == 0 && (goodBefore & 0xFF) == 0xFF)
            {
                CacheCounters.Increment(ref _counters.AutoClearRuns);
                autoFlush = FlushExpired(Clock.UtcNow.ToUnixTimeSeconds());
                foreach (var f in autoFlush.Faults) (faults ??= new List<SslCacheFault>()).Add(f);
            }
            return new HandshakeResult(cached, called, stored, autoFlush, faults, tooLarge);
        }

        /// <summary>
        /// Counts the start of a handshake that will not reach <see cref="CompleteHandshake"/> (a failed one), or a
        /// renegotiation: <c>sess_accept</c>/<c>sess_connect</c>, or <c>sess_accept_renegotiate</c>/<c>sess_connect_renegotiate</c>.
        /// <see cref="CompleteHandshake"/> already counts the start of the handshakes it completes.
        /// </summary>
        public void RecordHandshakeStart(SslRole role, bool renegotiation = false)
        {
            if (role == SslRole.Server)
                CacheCounters.Increment(ref renegotiation ? ref _counters.AcceptRenegotiate : ref _counters.Accept);
            else
                CacheCounters.Increment(ref renegotiation ? ref _counters.ConnectRenegotiate : ref _counters.Connect);
        }
    }
}
