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
    /// here the list is cut into runs of at most <see cref="MaxRun"/> entries, ordered by a treap on each run's first
    /// entry, so an out-of-order insert costs O(log n) plus a walk within one run. The treap changes once per
    /// <see cref="RunLength"/> appends, when a run empties, or when an out-of-order insert splits a full run.
    /// Expiries are whole seconds, so many entries share one: the last entry of each expiry is kept in a map, and an
    /// insert whose expiry is already present goes straight after it in O(1) (a new entry sorts after every entry of
    /// the same expiry). Invariant: the map holds exactly the distinct expiries, each with its last entry.
    /// Not thread-safe: the owning context calls it under its lock.
    /// </remarks>
    internal sealed class ExpiryList
    {
        /// <summary>Appends start a new run after this many entries.</summary>
        internal const int RunLength = 32;

        /// <summary>A run grown past this by out-of-order inserts is split in two.</summary>
        internal const int MaxRun = 2 * RunLength;

        private CacheEntry? _head, _tail;
        private ExpiryBucket? _root;
        private readonly Dictionary<long, CacheEntry> _lastOfExpiry = new Dictionary<long, CacheEntry>();
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
            var tail = _tail;
            if (tail == null)
            {
                LinkAfter(null, entry);
                entry.Bucket = AddBucket(entry, entry, 1);
            }
            else if (entry.Expiry >= tail.Expiry)
            {
                LinkAfter(tail, entry);
                var run = tail.Bucket!;
                if (run.Count >= RunLength)
                {
                    entry.Bucket = AddBucket(entry, entry, 1);
                }
                else
                {
                    entry.Bucket = run;
                    run.Last = entry;
                    run.Count++;
                }
            }
            else if (_lastOfExpiry.TryGetValue(entry.Expiry, out var last))
            {
                InsertAfterSameExpiry(last, entry);
            }
            else
            {
                InsertOutOfOrder(entry);
            }
            _lastOfExpiry[entry.Expiry] = entry;
            _count++;
        }

        /// <summary>Unlinks <paramref name="entry"/> in O(1) (O(log n) when it was its run's only entry).</summary>
        public void Remove(CacheEntry entry)
        {
            if (_lastOfExpiry.TryGetValue(entry.Expiry, out var last) && ReferenceEquals(last, entry))
            {
                var before = entry.Prev;
                if (before != null && before.Expiry == entry.Expiry) _lastOfExpiry[entry.Expiry] = before;
                else _lastOfExpiry.Remove(entry.Expiry);
            }
            var run = entry.Bucket!;
            if (--run.Count == 0)
            {
                _root = RemoveBucket(_root, run, entry.Expiry, entry.Sequence);
            }
            else if (ReferenceEquals(run.First, entry))
            {
                run.First = entry.Next!;
            }
            else if (ReferenceEquals(run.Last, entry))
            {
                run.Last = entry.Prev!;
            }
            var prev = entry.Prev;
            var next = entry.Next;
            if (prev == null) _head = next; else prev.Next = next;
            if (next == null) _tail = prev; else next.Prev = prev;
            entry.Prev = entry.Next = null;
            entry.Bucket = null;
            _count--;
        }

        /// <summary>
        /// Empties the list, handing each entry to <paramref name="visit"/> in order, already unlinked: one pass over
        /// the entries (the array form below walks them twice), for flushing a whole cache.
        /// </summary>
        public void DrainInOrder(System.Action<CacheEntry> visit)
        {
            var e = _head;
            _head = _tail = null;
            _root = null;
            _lastOfExpiry.Clear();
            _count = 0;
            while (e != null)
            {
                var next = e.Next;
                e.Prev = e.Next = null;
                e.Bucket = null;
                visit(e);
                e = next;
            }
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
            _lastOfExpiry.Clear();
            _count = 0;
            return result;
        }

        /// <summary>
        /// Whether the links, the (expiry, sequence) order, the runs and their treap agree; null when they do, else what
        /// is wrong. O(n).
        /// </summary>
        public string? Validate()
        {
            int n = 0;
            CacheEntry? prev = null;
            var runs = new List<ExpiryBucket>();
            var seen = new HashSet<ExpiryBucket>();
            int inRun = 0;
            for (var e = _head; e != null; prev = e, e = e.Next)
            {
                if (++n > _count) return $"the expiry order links more entries than its count {_count}";
                if (!ReferenceEquals(e.Prev, prev)) return $"expiry order entry {n} does not link back to its predecessor";
                if (prev != null && !prev.SortsBefore(e)) return $"expiry order broken at entry {n}";
                var run = e.Bucket;
                if (run == null) return $"expiry order entry {n} is in no run";
                bool starts = prev == null || !ReferenceEquals(prev.Bucket, run);
                if (starts != ReferenceEquals(run.First, e)) return $"expiry order entry {n} and its run disagree on where the run starts";
                if (starts)
                {
                    if (!seen.Add(run)) return $"the run at expiry order entry {n} is not contiguous";
                    runs.Add(run);
                    inRun = 0;
                }
                inRun++;
                bool ends = e.Next == null || !ReferenceEquals(e.Next.Bucket, run);
                if (ends != ReferenceEquals(run.Last, e)) return $"expiry order entry {n} and its run disagree on where the run ends";
                if (ends && inRun != run.Count) return $"the run ending at expiry order entry {n} holds {inRun} entries but counts {run.Count}";
                if (ends && run.Count > MaxRun) return $"the run ending at expiry order entry {n} holds {run.Count} entries, more than {MaxRun}";
            }
            if (n != _count) return $"the expiry order links {n} entries but counts {_count}";
            int distinct = 0;
            for (var e = _head; e != null; e = e.Next)
            {
                if (e.Next != null && e.Next.Expiry == e.Expiry) continue;
                distinct++;
                if (!_lastOfExpiry.TryGetValue(e.Expiry, out var last) || !ReferenceEquals(last, e))
                    return $"the map of expiries does not name the last entry expiring at {e.Expiry}";
            }
            if (distinct != _lastOfExpiry.Count) return $"the map of expiries holds {_lastOfExpiry.Count} expiries, the order {distinct}";
            if (!ReferenceEquals(prev, _tail)) return "the expiry order's tail is not its last entry";
            var inOrder = new List<ExpiryBucket>();
            var problem = CheckTreap(_root, inOrder);
            if (problem != null) return problem;
            if (inOrder.Count != runs.Count) return $"the expiry order has {runs.Count} runs but its treap {inOrder.Count}";
            for (int i = 0; i < runs.Count; i++)
                if (!ReferenceEquals(inOrder[i], runs[i])) return $"run {i} of the expiry order is out of place in its treap";
            return null;
        }

        private static string? CheckTreap(ExpiryBucket? node, List<ExpiryBucket> inOrder)
        {
            if (node == null) return null;
            if ((node.Left != null && node.Left.Priority > node.Priority) || (node.Right != null && node.Right.Priority > node.Priority))
                return "the treap of runs is not a heap";
            return CheckTreap(node.Left, inOrder) ?? Visit(node, inOrder) ?? CheckTreap(node.Right, inOrder);
        }

        private static string? Visit(ExpiryBucket node, List<ExpiryBucket> inOrder)
        {
            inOrder.Add(node);
            return null;
        }

        /// <summary>An insert that expires before the tail: into the last run starting at or before its expiry.</summary>
        private void InsertOutOfOrder(CacheEntry entry)
        {
            long expiry = entry.Expiry;
            ExpiryBucket? run = null;
            for (var node = _root; node != null;)
            {
                if (node.First.Expiry <= expiry) { run = node; node = node.Right; }
                else node = node.Left;
            }
            if (run == null)
            {
                // Earlier than everything: it starts the first run.
                run = _head!.Bucket!;
                LinkAfter(null, entry);
                run.First = entry;
            }
            else
            {
                // Every entry of the run before the insert point expires at or before it; walk back from the run's end.
                var after = run.Last;
                while (after.Expiry > expiry) after = after.Prev!;
                LinkAfter(after, entry);
                if (ReferenceEquals(after, run.Last)) run.Last = entry;
            }
            entry.Bucket = run;
            if (++run.Count > MaxRun) Split(run);
        }

        /// <summary>An insert right after <paramref name="last"/>, the last entry with the same expiry, in its run.</summary>
        private void InsertAfterSameExpiry(CacheEntry last, CacheEntry entry)
        {
            var run = last.Bucket!;
            LinkAfter(last, entry);
            if (ReferenceEquals(last, run.Last)) run.Last = entry;
            entry.Bucket = run;
            if (++run.Count > MaxRun) Split(run);
        }

        /// <summary>Cuts an overgrown run in two halves; the second half becomes a new run.</summary>
        private void Split(ExpiryBucket run)
        {
            var middle = run.First;
            for (int i = 0; i < RunLength; i++) middle = middle.Next!;
            var second = new ExpiryBucket(NextPriority(), middle, run.Last, run.Count - RunLength);
            for (var e = middle; ; e = e.Next!)
            {
                e.Bucket = second;
                if (ReferenceEquals(e, second.Last)) break;
            }
            run.Last = middle.Prev!;
            run.Count = RunLength;
            _root = InsertBucket(_root, second);
        }

        private void LinkAfter(CacheEntry? after, CacheEntry entry)
        {
            entry.Prev = after;
            var next = after == null ? _head : after.Next;
            entry.Next = next;
            if (after == null) _head = entry; else after.Next = entry;
            if (next == null) _tail = entry; else next.Prev = entry;
        }

        private ExpiryBucket AddBucket(CacheEntry first, CacheEntry last, int count)
        {
            var bucket = new ExpiryBucket(NextPriority(), first, last, count);
            _root = InsertBucket(_root, bucket);
            return bucket;
        }

        /// <summary>xorshift32: treap priorities need only be independent of the order.</summary>
        private uint NextPriority()
        {
            uint x = _random;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _random = x;
            return x;
        }

        private static bool Before(long expiry, long sequence, CacheEntry other) =>
            expiry < other.Expiry || (expiry == other.Expiry && sequence < other.Sequence);

        private static ExpiryBucket InsertBucket(ExpiryBucket? node, ExpiryBucket bucket)
        {
            if (node == null) return bucket;
            if (bucket.Priority > node.Priority)
            {
                Split(node, bucket.First.Expiry, bucket.First.Sequence, out bucket.Left, out bucket.Right);
                return bucket;
            }
            if (Before(bucket.First.Expiry, bucket.First.Sequence, node.First)) node.Left = InsertBucket(node.Left, bucket);
            else node.Right = InsertBucket(node.Right, bucket);
            return node;
        }

        /// <summary>Splits a treap into the runs that start before (expiry, sequence) and the rest.</summary>
        private static void Split(ExpiryBucket? node, long expiry, long sequence, out ExpiryBucket? before, out ExpiryBucket? rest)
        {
            if (node == null) { before = rest = null; return; }
            if (Before(node.First.Expiry, node.First.Sequence, expiry, sequence))
            {
                Split(node.Right, expiry, sequence, out var middle, out rest);
                node.Right = middle;
                before = node;
            }
            else
            {
                Split(node.Left, expiry, sequence, out before, out var middle);
                node.Left = middle;
                rest = node;
            }
        }

        private static bool Before(long expiry, long sequence, long otherExpiry, long otherSequence) =>
            expiry < otherExpiry || (expiry == otherExpiry && sequence < otherSequence);

        /// <summary>Removes <paramref name="bucket"/>, whose first entry is (expiry, sequence), from the treap.</summary>
        private static ExpiryBucket? RemoveBucket(ExpiryBucket? node, ExpiryBucket bucket, long expiry, long sequence)
        {
            if (node == null) return null;
            if (ReferenceEquals(node, bucket))
            {
                var merged = Merge(node.Left, node.Right);
                node.Left = node.Right = null;
                return merged;
            }
            if (Before(expiry, sequence, node.First)) node.Left = RemoveBucket(node.Left, bucket, expiry, sequence);
            else node.Right = RemoveBucket(node.Right, bucket, expiry, sequence);
            return node;
        }

        /// <summary>Joins two treaps where every run of <paramref name="low"/> comes first.</summary>
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
