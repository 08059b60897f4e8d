using PSSslSession.Engine.Cache;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests.Internals;

/// <summary>The expiry list against a sorted reference, under random inserts, removals and re-orders.</summary>
public class ExpiryListTests
{
    [Fact]
    public void Random_operations_keep_the_list_in_expiry_then_insertion_order()
    {
        var random = new Random(42);
        var list = new ExpiryList();
        var live = new List<CacheEntry>();
        long seq = 0;
        for (int i = 0; i < 5000; i++)
        {
            int op = random.Next(4);
            if (op <= 1 || live.Count == 0)
            {
                var e = new CacheEntry(Sessions.Make(i, 0)) { Expiry = random.Next(100), Sequence = ++seq };
                list.Insert(e);
                live.Add(e);
            }
            else if (op == 2)
            {
                var e = live[random.Next(live.Count)];
                list.Remove(e);
                live.Remove(e);
                Assert.False(e.IsLinked);
            }
            else
            {
                var e = live[random.Next(live.Count)];
                list.Remove(e);
                e.Expiry = random.Next(100);
                e.Sequence = ++seq;
                list.Insert(e);
            }
            Assert.Null(list.Validate());
        }
        var expected = live.OrderBy(e => e.Expiry).ThenBy(e => e.Sequence).ToList();
        Assert.Equal(expected, list.DrainInOrder());
        Assert.Equal(0, list.Count);
        Assert.Null(list.First);
    }

    [Fact]
    public void Draining_with_a_visitor_hands_over_every_entry_in_order_and_unlinked()
    {
        var list = new ExpiryList();
        var a = Entry(0, expiry: 10, seq: 1);
        var b = Entry(1, expiry: 20, seq: 2);
        var c = Entry(2, expiry: 10, seq: 3);
        foreach (var e in new[] { a, b, c }) list.Insert(e);
        var seen = new List<CacheEntry>();
        list.DrainInOrder(e =>
        {
            Assert.False(e.IsLinked);
            Assert.Null(e.Next);
            seen.Add(e);
        });
        Assert.Equal(new[] { a, c, b }, seen);
        Assert.Equal(0, list.Count);
        Assert.Null(list.First);
        Assert.Null(list.Validate());
    }

    [Fact]
    public void An_insert_that_expires_earlier_than_the_last_goes_after_the_entries_of_its_second()
    {
        var list = new ExpiryList();
        var a = Entry(0, expiry: 10, seq: 1);
        var b = Entry(1, expiry: 20, seq: 2);
        var c = Entry(2, expiry: 10, seq: 3);
        var d = Entry(3, expiry: 15, seq: 4);
        foreach (var e in new[] { a, b, c, d }) list.Insert(e);
        Assert.Null(list.Validate());
        Assert.Equal(new[] { a, c, d, b }, list.DrainInOrder());
    }

    [Fact]
    public void Removing_the_only_entry_of_a_run_lets_a_later_insert_start_it_again()
    {
        var list = new ExpiryList();
        var a = Entry(0, expiry: 10, seq: 1);
        var b = Entry(1, expiry: 20, seq: 2);
        list.Insert(a);
        list.Insert(b);
        list.Remove(a);
        var c = Entry(2, expiry: 10, seq: 3);
        list.Insert(c);
        Assert.Null(list.Validate());
        Assert.Same(c, list.First);
        Assert.Same(b, list.Last);
    }

    [Fact]
    public void Out_of_order_inserts_into_one_run_split_it_and_keep_the_order()
    {
        var list = new ExpiryList();
        long seq = 0;
        var entries = new List<CacheEntry>();
        for (int i = 0; i < ExpiryList.RunLength; i++) entries.Add(Entry(i, expiry: 1000 + i * 10, seq: ++seq));
        entries.Add(Entry(999, expiry: 5000, seq: ++seq));
        foreach (var e in entries) list.Insert(e);
        // Every later insert lands inside the first run, between its entries.
        for (int i = 0; i < 3 * ExpiryList.MaxRun; i++)
        {
            var e = Entry(1000 + i, expiry: 1001 + i % 300, seq: ++seq);
            list.Insert(e);
            entries.Add(e);
            Assert.Null(list.Validate());
        }
        Assert.Equal(entries.OrderBy(e => e.Expiry).ThenBy(e => e.Sequence), list.DrainInOrder());
    }

    [Fact]
    public void An_insert_earlier_than_every_entry_becomes_the_first()
    {
        var list = new ExpiryList();
        var a = Entry(0, expiry: 10, seq: 1);
        var b = Entry(1, expiry: 5, seq: 2);
        list.Insert(a);
        list.Insert(b);
        Assert.Null(list.Validate());
        Assert.Same(b, list.First);
        Assert.Same(a, list.Last);
    }

    private static CacheEntry Entry(int n, long expiry, long seq) =>
        new(Sessions.Make(n, 0)) { Expiry = expiry, Sequence = seq };
}
