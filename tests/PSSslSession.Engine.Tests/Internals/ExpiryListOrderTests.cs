using PSSslSession.Engine.Cache;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests.Internals;

/// <summary>
/// The expiry list's runs and treap: where runs start and split, how emptied runs leave the treap, and that
/// <see cref="ExpiryList.Validate"/> names each kind of damage.
/// </summary>
public class ExpiryListOrderTests
{
    private long _sequence;

    private CacheEntry Make(long expiry) =>
        new(Sessions.Make((int)_sequence, 0)) { Expiry = expiry, Sequence = ++_sequence };

    private CacheEntry Insert(ExpiryList list, long expiry)
    {
        var e = Make(expiry);
        list.Insert(e);
        return e;
    }

    /// <summary>Appends <paramref name="runs"/> full runs of distinct, increasing expiries.</summary>
    private List<CacheEntry> AppendRuns(ExpiryList list, int runs) =>
        Enumerable.Range(0, runs * ExpiryList.RunLength).Select(i => Insert(list, i)).ToList();

    private static List<CacheEntry> Walk(ExpiryList list)
    {
        var result = new List<CacheEntry>();
        for (var e = list.First; e != null; e = e.Next) result.Add(e);
        return result;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Appends_start_a_new_run_every_RunLength_entries(bool sameExpiry)
    {
        var list = new ExpiryList();
        var entries = Enumerable.Range(0, 3 * ExpiryList.RunLength + 5).Select(i => Insert(list, sameExpiry ? 100 : 100 + i)).ToList();

        Assert.Null(list.Validate());
        for (int i = 0; i < entries.Count; i++)
        {
            var firstOfRun = entries[i / ExpiryList.RunLength * ExpiryList.RunLength];
            Assert.Same(firstOfRun.Bucket, entries[i].Bucket);
            Assert.Same(firstOfRun, entries[i].Bucket!.First);
        }
        Assert.NotSame(entries[ExpiryList.RunLength - 1].Bucket, entries[ExpiryList.RunLength].Bucket);
        Assert.Equal(ExpiryList.RunLength, entries[0].Bucket!.Count);
    }

    [Fact]
    public void A_run_grown_to_MaxRun_by_inserts_in_the_middle_stays_whole_and_the_next_insert_splits_it()
    {
        var list = new ExpiryList();
        var early = Insert(list, 10);
        for (int i = 1; i < ExpiryList.RunLength; i++) Insert(list, 1000);
        Insert(list, 2000); // starts the second run
        // Each insert has an expiry not yet in the list: the out-of-order path, into the first run.
        long next = 11;
        for (int i = ExpiryList.RunLength; i < ExpiryList.MaxRun; i++) Insert(list, next++);

        Assert.Equal(ExpiryList.MaxRun, early.Bucket.Count);
        Assert.Same(early.Bucket, list.Last!.Prev!.Bucket);
        Assert.Null(list.Validate());

        var splitter = Insert(list, next);

        Assert.Null(list.Validate());
        Assert.Equal(ExpiryList.RunLength, early.Bucket.Count);
        Assert.NotSame(early.Bucket, splitter.Bucket);
        Assert.Equal(ExpiryList.MaxRun + 1 - ExpiryList.RunLength, splitter.Bucket!.Count);
    }

    [Fact]
    public void Emptying_whole_runs_in_random_order_keeps_the_runs_treap_and_order_consistent()
    {
        var random = new Random(7);
        var list = new ExpiryList();
        var live = new List<CacheEntry>();
        for (int i = 0; i < 64 * ExpiryList.RunLength; i++) live.Add(Insert(list, 1000 + i));
        // Remove run by run, each run's entries in a shuffled order, runs in a shuffled order.
        var runs = live.GroupBy(e => e.Bucket).Select(g => g.ToList()).OrderBy(_ => random.Next()).ToList();
        foreach (var run in runs)
        {
            foreach (var e in run.OrderBy(_ => random.Next()))
            {
                list.Remove(e);
                live.Remove(e);
                Assert.Null(list.Validate());
            }
            // A run emptied: an out-of-order insert must still find its place among the remaining runs.
            if (live.Count > 0)
            {
                var probe = Insert(list, live[random.Next(live.Count)].Expiry);
                live.Add(probe);
                Assert.Null(list.Validate());
            }
        }
        Assert.Equal(live.OrderBy(e => e.Expiry).ThenBy(e => e.Sequence), Walk(list));
    }

    [Fact]
    public void Random_inserts_and_removals_with_many_ties_match_a_sorted_model_and_eviction_order()
    {
        var random = new Random(20260101);
        var list = new ExpiryList();
        var live = new List<CacheEntry>();
        for (int step = 0; step < 6000; step++)
        {
            int op = random.Next(10);
            if (op < 6 || live.Count == 0)
            {
                // Few distinct expiries: ties, same-expiry fast paths and run splits at equal expiries.
                live.Add(Insert(list, random.Next(8) * 10));
            }
            else if (op < 9)
            {
                var e = live[random.Next(live.Count)];
                list.Remove(e);
                live.Remove(e);
            }
            else
            {
                // Evict the first, as a full cache does.
                var first = list.First!;
                Assert.Same(live.OrderBy(e => e.Expiry).ThenBy(e => e.Sequence).First(), first);
                list.Remove(first);
                live.Remove(first);
            }
            if (step % 50 == 0) Assert.Null(list.Validate());
        }
        Assert.Null(list.Validate());
        var expected = live.OrderBy(e => e.Expiry).ThenBy(e => e.Sequence).ToList();
        Assert.Same(expected[0], list.First);
        Assert.Same(expected[^1], list.Last);
        Assert.Equal(expected.Count, list.Count);
        Assert.Equal(expected, list.DrainInOrder());
    }

    [Fact]
    public void Runs_get_distinct_treap_priorities()
    {
        var list = new ExpiryList();
        var entries = AppendRuns(list, 200);
        var priorities = entries.Select(e => e.Bucket!).Distinct().Select(b => b.Priority).ToList();

        Assert.Equal(200, priorities.Count);
        Assert.Equal(200, priorities.Distinct().Count());
    }

    [Theory]
    [InlineData(10, 1, 20, 2, true)]
    [InlineData(20, 1, 10, 2, false)]
    [InlineData(10, 1, 10, 2, true)]
    [InlineData(10, 2, 10, 1, false)]
    [InlineData(10, 1, 10, 1, false)]
    [InlineData(10, 5, 20, 1, true)]
    [InlineData(20, 1, 10, 5, false)]
    public void An_entry_sorts_before_another_by_expiry_then_sequence(long expiry, long sequence, long otherExpiry, long otherSequence, bool before)
    {
        var a = new CacheEntry(Sessions.Make(1, 0)) { Expiry = expiry, Sequence = sequence };
        var b = new CacheEntry(Sessions.Make(2, 0)) { Expiry = otherExpiry, Sequence = otherSequence };
        Assert.Equal(before, a.SortsBefore(b));
    }

    private ExpiryList Three(out CacheEntry a, out CacheEntry b, out CacheEntry c)
    {
        var list = new ExpiryList();
        a = Insert(list, 10);
        b = Insert(list, 20);
        c = Insert(list, 30);
        Assert.Null(list.Validate());
        return list;
    }

    [Fact]
    public void Validate_names_an_entry_that_does_not_link_back()
    {
        var list = Three(out var a, out var b, out _);
        b.Prev = null;
        Assert.Contains("entry 2 does not link back", list.Validate());
    }

    [Fact]
    public void Validate_names_where_the_order_is_broken()
    {
        var list = Three(out _, out var b, out _);
        b.Expiry = 5;
        Assert.Contains("broken at entry 2", list.Validate());
    }

    [Fact]
    public void Validate_names_an_entry_in_no_run()
    {
        var list = Three(out _, out var b, out var c);
        b.Bucket!.Last = b;
        b.Bucket.Count = 2;
        c.Bucket = null;
        Assert.Contains("entry 3 is in no run", list.Validate());
    }

    [Fact]
    public void Validate_names_a_chain_longer_than_the_count()
    {
        var list = Three(out _, out _, out var c);
        var extra = Make(40);
        extra.Prev = c;
        extra.Bucket = c.Bucket;
        c.Next = extra;
        c.Bucket!.Last = extra;
        c.Bucket.Count = 4;
        Assert.Contains("more entries than its count 3", list.Validate());
    }

    [Fact]
    public void Validate_names_a_chain_shorter_than_the_count()
    {
        var list = Three(out _, out var b, out _);
        b.Next = null;
        b.Bucket!.Last = b;
        b.Bucket.Count = 2;
        Assert.Contains("links 2 entries but counts 3", list.Validate());
    }

    [Fact]
    public void Validate_names_a_run_whose_count_disagrees()
    {
        var list = Three(out var a, out _, out _);
        a.Bucket!.Count = 7;
        Assert.Contains("holds 3 entries but counts 7", list.Validate());
    }

    [Fact]
    public void Validate_names_a_run_whose_end_disagrees()
    {
        var list = Three(out var a, out var b, out _);
        a.Bucket!.Last = b;
        Assert.Contains("entry 2 and its run disagree on where the run ends", list.Validate());
    }

    [Fact]
    public void Validate_names_a_run_whose_start_disagrees()
    {
        var list = Three(out var a, out var b, out _);
        a.Bucket!.First = b;
        Assert.Contains("entry 1 and its run disagree on where the run starts", list.Validate());
    }

    [Fact]
    public void Validate_names_an_overlong_run()
    {
        var list = new ExpiryList();
        var entries = Enumerable.Range(0, 2 * ExpiryList.RunLength + 1).Select(i => Insert(list, i)).ToList();
        var first = entries[0].Bucket!;
        var others = entries.Select(e => e.Bucket!).Distinct().Skip(1).ToList();
        foreach (var e in entries) e.Bucket = first;
        first.Last = entries[^1];
        first.Count = entries.Count;
        Assert.Contains($"holds {entries.Count} entries, more than {ExpiryList.MaxRun}", list.Validate());
    }

    [Fact]
    public void Validate_names_a_tail_that_is_not_the_last_entry()
    {
        var list = Three(out var a, out _, out _);
        typeof(ExpiryList).GetField("_tail", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.SetValue(list, a);
        Assert.Contains("tail is not its last entry", list.Validate());
    }

    [Fact]
    public void Validate_names_a_missing_expiry_in_the_map()
    {
        var list = Three(out var a, out _, out _);
        list.Remove(a);
        var ghost = Make(10);
        // Link an entry by hand, bypassing Insert: the map does not know its expiry.
        var b = list.First!;
        ghost.Next = b;
        b.Prev = ghost;
        ghost.Bucket = b.Bucket;
        b.Bucket!.First = ghost;
        b.Bucket.Count++;
        typeof(ExpiryList).GetField("_head", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.SetValue(list, ghost);
        typeof(ExpiryList).GetField("_count", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.SetValue(list, 3);
        Assert.Contains("does not name the last entry expiring at 10", list.Validate());
    }

    [Fact]
    public void Validate_names_runs_out_of_place_in_the_treap()
    {
        var list = new ExpiryList();
        AppendRuns(list, 20);
        var root = RootOf(list);
        (root.Left, root.Right) = (root.Right, root.Left);
        Assert.Contains("out of place in its treap", list.Validate());
    }

    [Fact]
    public void Validate_names_a_treap_with_fewer_runs_than_the_order()
    {
        var list = new ExpiryList();
        AppendRuns(list, 20);
        var root = RootOf(list);
        if (root.Left != null) root.Left = null; else root.Right = null;
        Assert.Contains("runs but its treap", list.Validate());
    }

    [Fact]
    public void Validate_names_a_treap_that_is_not_a_heap()
    {
        var list = new ExpiryList();
        AppendRuns(list, 40);
        // Find a node with a child whose own child exists on one side; hang the parent below the child.
        var root = RootOf(list);
        var child = root.Left ?? root.Right!;
        bool left = ReferenceEquals(child, root.Left);
        // Put the root's child under a leaf of its own subtree on one side only: the leaf then has a higher-priority child.
        var leaf = child;
        while ((left ? leaf.Right : leaf.Left) != null) leaf = left ? leaf.Right! : leaf.Left!;
        if (ReferenceEquals(leaf, child)) { leaf = left ? child.Left : child.Right; Assert.NotNull(leaf); }
        var hanging = new ExpiryBucket(uint.MaxValue, leaf!.First, leaf.Last, leaf.Count);
        if (left) leaf.Right = hanging; else leaf.Left = hanging;
        Assert.Contains("not a heap", list.Validate());
    }

    private static ExpiryBucket RootOf(ExpiryList list) =>
        (ExpiryBucket)typeof(ExpiryList).GetField("_root", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(list)!;
}
