using System;
using System.Collections.Generic;
using System.Linq;
using PSSslSession.Codec;
using PSSslSession.Engine.Cache;

namespace PSSslSession.Engine
{
    public sealed partial class SslContext
    {
        /// <summary>
        /// The other contexts that use this context's cache (<c>SSL_CTX_share_session_cache</c>, field note 8: virtual
        /// hosts, or one service behind several SSL_CTX as in FreeRADIUS, resuming each other's sessions); empty when the
        /// cache is its own.
        /// </summary>
        /// <remarks>
        /// <para>A shared cache is partitioned by session-id context: each context sees, resumes, removes and is told
        /// about (remove callbacks) the sessions whose sid_ctx is its own, so a resumption that lands on a sibling with
        /// the same sid_ctx hits, and one with another sid_ctx is ContextMismatch. Sessions whose sid_ctx is no member's
        /// belong to every member (visible and removable; resumable by none). Flushing expired sessions (explicit,
        /// auto-clear or timer) removes every expired session of the cache, since it is expired for all; <see cref="FlushAll"/>
        /// removes the context's own part only.</para>
        /// <para>The cache's settings belong to all: <see cref="CacheSize"/>, <see cref="Timeout"/>, <see cref="MaxSessionSize"/>,
        /// <see cref="MaxBytes"/>, <see cref="FlushInterval"/>, <see cref="OpenSslCompat"/> and the store; setting one
        /// through any member changes it for every member. <see cref="CacheMode"/>, the session-id context and the id
        /// prefix and generator, <see cref="VerifyPeer"/>, the callbacks and the counters stay each context's own;
        /// <see cref="Count"/> and the Bytes statistic are the whole cache's.</para>
        /// <para><see cref="Close"/> on one member leaves the cache and its sessions to the others; closing the last
        /// flushes it and detaches the store.</para>
        /// </remarks>
        public IReadOnlyList<string> SharedWith
        {
            get
            {
                var members = _cache.Members;
                return members.Length <= 1 ? Array.Empty<string>() : members.Where(m => !ReferenceEquals(m, this)).Select(m => m.Name).ToArray();
            }
        }

        /// <summary>Whether <paramref name="other"/> uses the same cache as this context.</summary>
        public bool SharesCacheWith(SslContext other) => other != null && ReferenceEquals(other._cache, _cache);

        private void JoinCache(SslContext host)
        {
            lock (_cache.Gate)
            {
                if (host._closed || _cache.Closed)
                    throw new SslContextException(SslContextError.ContextClosed, $"The SSL context '{host.Name}' was closed; its cache cannot be shared.");
                // Tags are numbered per cache: the initial state's tag may be one a member already uses for other bytes.
                _sidCtxState = new SessionIdContextState(Array.Empty<byte>(), NextTagLocked());
                var members = _cache.Members;
                var next = new SslContext[members.Length + 1];
                members.CopyTo(next, 0);
                next[members.Length] = this;
                _cache.Members = next;
            }
        }

        /// <summary>Leaves a cache that others still use; false when this is its last member (then it must be flushed). Under the lock.</summary>
        private bool TryLeaveSharedCacheLocked()
        {
            var members = _cache.Members;
            if (members.Length <= 1) return false;
            _cache.Members = members.Where(m => !ReferenceEquals(m, this)).ToArray();
            return true;
        }

        /// <summary>
        /// A sid_ctx tag no member of the cache uses (under the lock). After <see cref="SessionIndex.MaxTag"/> the numbering
        /// starts over: every slot's tag is cleared and every member gets a new number, so no old tag can pass for a new one.
        /// </summary>
        private int NextTagLocked()
        {
            if (_cache.LastTag < SessionIndex.MaxTag) return ++_cache.LastTag;
            _cache.Index.ClearSidCtxTags();
            _cache.LastTag = 0;
            foreach (var member in _cache.Members)
                member._sidCtxState = new SessionIdContextState(member._sidCtxState.Bytes, ++_cache.LastTag);
            return ++_cache.LastTag;
        }

        /// <summary>
        /// Whether <paramref name="session"/> is in this context's part of the cache: always, unless the cache is shared;
        /// then when its sid_ctx is this context's, or no member's (added with another one, or left behind by a member that
        /// changed its sid_ctx or was removed): such a session belongs to every member, so that it stays visible and
        /// removable, while no member can resume it.
        /// </summary>
        private bool Sees(SslSession session)
        {
            var members = _cache.Members;
            if (members.Length <= 1) return true;
            var sidCtx = session.SidCtx.AsSpan();
            if (sidCtx.SequenceEqual(_sidCtxState.Bytes)) return true;
            foreach (var m in members)
                if (sidCtx.SequenceEqual(m._sidCtxState.Bytes)) return false;
            return true;
        }

        /// <summary>
        /// Who is told that <paramref name="sessions"/> left the cache: this context alone (also when it is closing), or
        /// in a shared cache each member with the sessions of its part.
        /// </summary>
        private IEnumerable<KeyValuePair<SslContext, IReadOnlyList<SslSession>>> Audiences(IReadOnlyList<SslSession> sessions)
        {
            var members = _cache.Members;
            if (members.Length <= 1)
            {
                yield return new KeyValuePair<SslContext, IReadOnlyList<SslSession>>(this, sessions);
                yield break;
            }
            foreach (var member in members)
            {
                List<SslSession>? part = null;
                foreach (var s in sessions)
                    if (member.Sees(s)) (part ??= new List<SslSession>()).Add(s);
                if (part != null) yield return new KeyValuePair<SslContext, IReadOnlyList<SslSession>>(member, part);
            }
        }
    }
}
