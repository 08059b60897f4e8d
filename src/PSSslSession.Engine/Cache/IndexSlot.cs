using PSSslSession.Codec;

namespace PSSslSession.Engine.Cache
{
    /// <summary>
    /// One slot of the <see cref="SessionIndex"/>: 64 bytes (two references, the key's four id words, the expiry and
    /// two ints), so that a lookup finds the key, the expiry, the sid_ctx tag and the session it returns in one or two
    /// cache lines without visiting any object.
    /// </summary>
    internal struct IndexSlot
    {
        public CacheEntry? Entry;
        public SslSession? Session;
        public ulong W0, W1, W2, W3;
        /// <summary>The entry's expiry (Unix seconds), a copy kept current under the context lock.</summary>
        public long Expiry;
        /// <summary><see cref="CacheKey.Packed"/>, the slot's state and the sid_ctx tag; see <see cref="SessionIndex"/>.</summary>
        public int Meta;
        /// <summary>Seqlock version: odd while a writer changes the slot.</summary>
        public int Version;
    }
}
