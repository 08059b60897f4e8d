namespace PSSslSession.Engine.Cache
{
    /// <summary>
    /// The entries of an <see cref="ExpiryList"/> that expire in one second (a contiguous run of the list), and a node
    /// of the treap that orders the seconds, so that an out-of-order insert finds its place in O(log seconds).
    /// </summary>
    internal sealed class ExpiryBucket
    {
        public readonly long Second;
        public readonly uint Priority;
        public CacheEntry First, Last;
        public ExpiryBucket? Left, Right;

        public ExpiryBucket(long second, uint priority, CacheEntry entry)
        {
            Second = second;
            Priority = priority;
            First = Last = entry;
        }
    }
}
