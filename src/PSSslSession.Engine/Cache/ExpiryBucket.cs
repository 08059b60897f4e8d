namespace PSSslSession.Engine.Cache
{
    /// <summary>
    /// A run of at most a few dozen consecutive entries of an <see cref="ExpiryList"/>, and a node of the treap that
    /// orders the runs by their first entry, so that an out-of-order insert finds its place in O(log n) plus a short walk.
    /// </summary>
    internal sealed class ExpiryBucket
    {
        public readonly uint Priority;
        public CacheEntry First, Last;
        public int Count;
        public ExpiryBucket? Left, Right;

        public ExpiryBucket(uint priority, CacheEntry first, CacheEntry last, int count)
        {
            Priority = priority;
            First = first;
            Last = last;
            Count = count;
        }
    }
}
