using PSSslSession.Engine.Cache;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests.Internals;

/// <summary>The fast path for an expiry already in the list: straight after the last entry of that expiry.</summary>
public class ExpiryListSameExpiryTests
{
    private long _sequence;

    private CacheEntry Insert(ExpiryList list, long expiry)
    {
        var entry = new CacheEntry(Sessions.Make((int)_sequence, 0)) { Expiry = expiry, Sequence = ++_sequence };
        list.Insert(entry);
        return entry;
    }

    [Fact]
    public void An_insert_with_an_expiry_in_the_middle_goes_after_every_entry_of_that_expiry()
    {
        var list = new ExpiryList();
        var early = Insert(list, 10);
        var firstAt20 = Insert(list, 20);
        var secondAt20 = Insert(list, 20);
        var late = Insert(list, 30);

        var thirdAt20 = Insert(list, 20);

        Assert.Null(list.Validate());
        Assert.Equal(new[] { early, firstAt20, secondAt20, thirdAt20, late }, list.DrainInOrder());
    }

    [Fact]
    public void Removing_the_last_entry_of_an_expiry_lets_the_next_insert_go_after_the_one_before_it()
    {
        var list = new ExpiryList();
        var firstAt20 = Insert(list, 20);
        var secondAt20 = Insert(list, 20);
        var late = Insert(list, 30);
        list.Remove(secondAt20);

        var again = Insert(list, 20);

        Assert.Null(list.Validate());
        Assert.Equal(new[] { firstAt20, again, late }, list.DrainInOrder());
    }

    [Fact]
    public void An_expiry_whose_entries_all_left_is_found_again_through_the_runs()
    {
        var list = new ExpiryList();
        var early = Insert(list, 10);
        list.Remove(Insert(list, 20));
        var late = Insert(list, 30);

        var at20 = Insert(list, 20);

        Assert.Null(list.Validate());
        Assert.Equal(new[] { early, at20, late }, list.DrainInOrder());
    }

    [Fact]
    public void Sixty_five_inserts_of_one_expiry_in_the_middle_split_its_run_and_keep_the_order()
    {
        var list = new ExpiryList();
        var early = Insert(list, 10);
        var late = Insert(list, 30);
        var middle = Enumerable.Range(0, ExpiryList.MaxRun + 1).Select(_ => Insert(list, 20)).ToList();

        Assert.Null(list.Validate());
        Assert.Equal(new[] { early }.Concat(middle).Append(late), list.DrainInOrder());
    }
}
