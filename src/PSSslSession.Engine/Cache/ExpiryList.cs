using System.Collections.Generic;

namespace PSSslSession.Engine.Cache
{
    /// <summary>
    /// OpenSSL 3.0's expiry-sorted session list (<c>session_cache_head</c>/<c>_tail</c>), intrusive through
    /// <see cref="CacheEntry"/>: entries in (expiry, insertion sequence) order, earliest first. The first entry is the
    /// next eviction victim and the first flush candidate, so a flush stops at the first unexpired entry; removing any
    /// entry is an O(1) unlink.
    /// </summary>
    /// <remarks>
    /// Inserts must carry a sequence higher than every linked entry's (the context numbers them), so a new entry goes
    /// after every entry expiring at or before it. The normal insert (start = now, one timeout) expires last and is
    /// appended in O(1). OpenSSL walks the list for any other insert, which makes loads in mixed expiry order O(n²);
    /// here the entries of each expiry second form a bucket, and a treap of the seconds finds an out-of-order insert's
    /// place in O(log seconds). The treap changes only when a second gains its first or loses its last entry.
    /// Not thread-safe: the owning context calls it under its lock.
    /// </remarks>
    internal sealed class ExpiryList
    {
        private CacheEntry? _head, _tail;
        private ExpiryBucket? _root;
        private int _count;
        private uint _random = 0x9E3779B9u;

        public int Count => _count;

        /// <summary>The earliest-expiring entry (oldest among ties), or null when empty.</summary>
        public CacheEntry? First => _head;

        /// <summary>The latest-expiring entry (newest among ties), or null when empty.</summary>
        public CacheEntry? Last => _tail;

        /// <summary>Links <paramref name="entry"/> after every entry that expires at or before its expiry.</summary>
        public void Insert(CacheEntry entry)
        {
            long second = entry.Expiry;
            var tail = _tail;
            if (tail == null || second > tail.Expiry)
            {
                entry.Bucket = AddBucket(second, entry);
                LinkAfter(tail, entry);
            }
            else if (second == tail.Expiry)
            {
                var bucket = tail.Bucket!;
                entry.Bucket = bucket;
                bucket.Last = entry;
                LinkAfter(tail, entry);
            }
            else
            {
                // Out of order: the first second at or after ours exists, since the tail expires later.
                var next = Ceiling(second)!;
                if (next.Second == second)
                {
                    entry.Bucket = next;
                    var after = next.Last;
                    next.Last = entry;
                    LinkAfter(after, entry);
                }
                else
                {
                    entry.Bucket = AddBucket(second, entry);
                    LinkAfter(next.First.Prev, entry);
                }
            }
            _count++;
        }

        /// <summary>Unlinks <paramref name="entry"/> in O(1) (O(log seconds) when it was its second's only entry).</summary>
        public void Remove(CacheEntry entry)
        {
            var bucket = entry.Bucket!;
            if (ReferenceEquals(bucket.First, entry))
            {
                if (ReferenceEquals(bucket.Last, entry)) _root = RemoveBucket(_root, bucket.Second);
                else bucket.First = entry.Next!;
            }
            else if (ReferenceEquals(bucket.Last, entry))
            {
                bucket.Last = entry.Prev!;
            }
            var prev = entry.Prev;
            var next = entry.Next;
            if (prev == null) _head = next; else prev.Next = next;
            if (next == null) _tail = prev; else next.Prev = prev;
            entry.Prev = entry.Next = null;
            entry.Bucket = null;
            _count--;
        }

        /// <summary>Empties the list, returning its entries earliest first.</summary>
        public CacheEntry[] DrainInOrder()
        {
            var result = new CacheEntry[_count];
            int i = 0;
            for (var e = _head; e != null; e = e.Next) result[i++] = e;
            foreach (var e in result)
            {
                e.Prev = e.Next = null;
                e.Bucket = null;
            }
            _head = _tail = null;
            _root = null;
            _count = 0;
            return result;
        }

        /// <summary>
        /// Whether the links, the (expiry, sequence) order, the buckets and the treap of seconds agree; null when they
        /// do, else what is wrong. O(n).
        /// </summary>
        public string? Validate()
        {
            int n = 0;
            CacheEntry? prev = null;
            var seconds = new List<long>();
            for (var e = _head; e != null; prev = e, e = e.Next)
            {
                if (++n > _count) return $"the expiry order links more entries than its count {_count}";
                if (!ReferenceEquals(e.Prev, prev)) return $"expiry order entry {n} does not link back to its predecessor";
                if (prev != null && !prev.SortsBefore(e)) return $"expiry order broken at entry {n}";
                var bucket = e.Bucket;
                if (bucket == null || bucket.Second != e.Expiry) return $"expiry order entry {n} is in the wrong second";
                bool firstOfSecond = prev == null || prev.Expiry != e.Expiry;
                bool lastOfSecond = e.Next == null || e.Next.Expiry != e.Expiry;
                if (firstOfSecond != ReferenceEquals(bucket.First, e)) return $"second {bucket.Second} does not start at its first entry";
                if (lastOfSecond != ReferenceEquals(bucket.Last, e)) return $"second {bucket.Second} does not end at its last entry";
                if (firstOfSecond) seconds.Add(e.Expiry);
            }
            if (n != _count) return $"the expiry order links {n} entries but counts {_count}";
            if (!ReferenceEquals(prev, _tail)) return "the expiry order's tail is not its last entry";
            var indexed = new List<long>();
            var problem = CheckTreap(_root, long.MinValue, long.MaxValue, indexed);
            if (problem != null) return problem;
            if (indexed.Count != seconds.Count) return $"the expiry order spans {seconds.Count} seconds but indexes {indexed.Count}";
            for (int i = 0; i < seconds.Count; i++)
                if (indexed[i] != seconds[i]) return $"the expiry order indexes second {indexed[i]} where it holds {seconds[i]}";
            return null;
        }

        private static string? CheckTreap(ExpiryBucket? node, long low, long high, List<long> inOrder)
        {
            if (node == null) return null;
            if (node.Second < low || node.Second > high) return $"second {node.Second} is out of place in the index of seconds";
            if ((node.Left != null && node.Left.Priority > node.Priority) || (node.Right != null && node.Right.Priority > node.Priority))
                return $"the index of seconds is not a heap at second {node.Second}";
            var problem = node.Second == long.MinValue ? null : CheckTreap(node.Left, low, node.Second - 1, inOrder);
            if (problem != null) return problem;
            if (node.Left != null && node.Second == long.MinValue) return "second long.MinValue has a left child";
            inOrder.Add(node.Second);
            if (node.Right != null && node.Second == long.MaxValue) return "second long.MaxValue has a right child";
            return node.Second == long.MaxValue ? null : CheckTreap(node.Right, node.Second + 1, high, inOrder);
        }

        private void LinkAfter(CacheEntry? after, CacheEntry entry)
        {
            entry.Prev = after;
            var next = after == null ? _head : after.Next;
            entry.Next = next;
            if (after == null) _head = entry; else after.Next = entry;
            if (next == null) _tail = entry; else next.Prev = entry;
        }

        private ExpiryBucket AddBucket(long second, CacheEntry entry)
        {
            // xorshift32: treap priorities need only be independent of the keys.
            uint x = _random;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _random = x;
            var bucket = new ExpiryBucket(second, x, entry);
            _root = InsertBucket(_root, bucket);
            return bucket;
        }

        /// <summary>The bucket of the earliest second at or after <paramref name="second"/>.</summary>
        private ExpiryBucket? Ceiling(long second)
        {
            ExpiryBucket? best = null;
            for (var node = _root; node != null;)
            {
                if (node.Second >= second) { best = node; node = node.Left; }
                else node = node.Right;
            }
            return best;
        }

        private static ExpiryBucket InsertBucket(ExpiryBucket? node, ExpiryBucket bucket)
        {
            if (node == null) return bucket;
            if (bucket.Priority > node.Priority)
            {
                Split(node, bucket.Second, out bucket.Left, out bucket.Right);
                return bucket;
            }
            if (bucket.Second < node.Second) node.Left = InsertBucket(node.Left, bucket);
            else node.Right = InsertBucket(node.Right, bucket);
            return node;
        }

        /// <summary>Splits into the seconds before <paramref name="second"/> and the rest.</summary>
        private static void Split(ExpiryBucket? node, long second, out ExpiryBucket? before, out ExpiryBucket? rest)
        {
            if (node == null) { before = rest = null; return; }
            if (node.Second < second)
            {
                Split(node.Right, second, out var middle, out rest);
                node.Right = middle;
                before = node;
            }
            else
            {
                Split(node.Left, second, out before, out var middle);
                node.Left = middle;
                rest = node;
            }
        }

        private static ExpiryBucket? RemoveBucket(ExpiryBucket? node, long second)
        {
            if (node == null) return null;
            if (second < node.Second) node.Left = RemoveBucket(node.Left, second);
            else if (second > node.Second) node.Right = RemoveBucket(node.Right, second);
            else
            {
                var merged = Merge(node.Left, node.Right);
                node.Left = node.Right = null;
                return merged;
            }
            return node;
        }

        /// <summary>Joins two treaps whose seconds are all ordered (every second of <paramref name="low"/> first).</summary>
        private static ExpiryBucket? Merge(ExpiryBucket? low, ExpiryBucket? high)
        {
            if (low == null) return high;
            if (high == null) return low;
            if (low.Priority > high.Priority)
            {
                low.Right = Merge(low.Right, high);
                return low;
            }
            high.Left = Merge(low, high.Left);
            return high;
        }
    }
}
