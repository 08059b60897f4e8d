using PSSslSession.Codec;

namespace PSSslSession.Engine.Cache
{
    /// <summary>
    /// One cached session with its place in the expiry order: the session, the expiry it is sorted by (a copy of
    /// <c>calc_timeout</c>, changed only under the context lock), the insertion sequence that breaks ties
    /// first-in-first-out, and its links in the <see cref="ExpiryList"/> (OpenSSL's <c>prev</c>/<c>next</c> of the
    /// session list). Its key and what lookups need live in its <see cref="SessionIndex"/> slot.
    /// </summary>
    internal sealed class CacheEntry
    {
        public readonly SslSession Session;
        public long Expiry;
        public long Sequence;
        /// <summary>The session's DER length when it was added or last re-sorted: what the cache's Bytes counts for it.</summary>
        public int Bytes;
        public CacheEntry? Prev, Next;
        public ExpiryBucket? Bucket;

        /// <summary>
        /// Flushed: out of the expiry order and the count, but its key may still be in the index until a later add or
        /// remove sweeps it (the index removal is the flush's dominant cost). Set once, under the context lock; read
        /// lock-free by lookups (see <see cref="SessionIndex.FlushedBelow"/>), which treat a dead entry as absent.
        /// </summary>
        public volatile bool Dead;

        public CacheEntry(SslSession session) { Session = session; }

        /// <summary>The index key (the session's id and protocol never change).</summary>
        public CacheKey Key => CacheKey.Of(Session);

        /// <summary>Whether the entry is linked into an expiry list.</summary>
        public bool IsLinked => Bucket != null;

        /// <summary>Earlier expiry first; among equal expiries the older insertion (OpenSSL's list tail).</summary>
        public bool SortsBefore(CacheEntry other) =>
            Expiry < other.Expiry || (Expiry == other.Expiry && Sequence < other.Sequence);
    }
}
