using PSSslSession.Codec;

namespace PSSslSession.Engine.Cache
{
    /// <summary>What one <see cref="SessionIndex"/> slot said about a key, read consistently.</summary>
    internal readonly struct IndexedSession
    {
        public IndexedSession(SslSession session, CacheEntry entry, long expiry, int sidCtxTag)
        {
            Session = session;
            Entry = entry;
            Expiry = expiry;
            SidCtxTag = sidCtxTag;
        }

        public SslSession Session { get; }

        public CacheEntry Entry { get; }

        /// <summary>The expiry the session is ordered and flushed by (the entry's, Unix seconds).</summary>
        public long Expiry { get; }

        /// <summary>
        /// The context's sid_ctx tag when the session's sid_ctx equalled the context's at add time, else 0
        /// (see <see cref="SessionIdContextState"/>).
        /// </summary>
        public int SidCtxTag { get; }
    }
}
