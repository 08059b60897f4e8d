using PSSslSession.Codec;

namespace PSSslSession.Engine.Cache
{
    /// <summary>
    /// One cached session with its place in the expiry order. Kept small: the session, the expiry it is
    /// sorted by (a copy of <c>calc_timeout</c>, changed only under the context lock), the insertion
    /// sequence that breaks ties first-in-first-out, and the heap slot for O(log n) removal.
    /// </summary>
    internal sealed class CacheEntry
    {
        public readonly SslSession Session;
        public long Expiry;
        public long Sequence;
        public int HeapIndex = -1;

        public CacheEntry(SslSession session) { Session = session; }

        /// <summary>Earlier expiry first; among equal expiries the older insertion (OpenSSL's list tail).</summary>
        public bool SortsBefore(CacheEntry other) =>
            Expiry < other.Expiry || (Expiry == other.Expiry && Sequence < other.Sequence);
    }
}
