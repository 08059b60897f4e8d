using PSSslSession.Codec;
using PSSslSession.Engine.Cache;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests.Internals;

/// <summary>The slot table at its edges: growth and shrink thresholds, sizes, refused keys, expiry updates, ids of every length.</summary>
public class SessionIndexBoundaryTests
{
    private static CacheEntry Entry(int n, long expiry = 1000, SslProtocol? protocol = null, byte[]? id = null) =>
        new(Sessions.Make(n, 0, protocol: protocol, id: id)) { Expiry = expiry };

    [Fact]
    public void A_sixteen_slot_table_holds_thirteen_keys_and_grows_for_the_fourteenth()
    {
        var index = new SessionIndex();
        for (int i = 0; i < 13; i++)
        {
            var e = Entry(i);
            index.Set(e.Key, e, 0);
        }
        Assert.Equal(16, index.Capacity);

        var fourteenth = Entry(13);
        index.Set(fourteenth.Key, fourteenth, 0);

        Assert.Equal(32, index.Capacity);
        Assert.Equal(14, index.Count);
        Assert.Null(index.Validate());
    }

    [Fact]
    public void A_table_exactly_a_sixteenth_full_keeps_its_size_and_shrinks_one_removal_later()
    {
        var index = new SessionIndex();
        var entries = Enumerable.Range(0, 27).Select(i => Entry(i)).ToList();
        foreach (var e in entries) index.Set(e.Key, e, 0);
        Assert.Equal(64, index.Capacity);

        for (int i = 0; i < 23; i++) index.Remove(entries[i].Key);
        Assert.Equal(4, index.Count);
        Assert.Equal(64, index.Capacity);

        index.Remove(entries[23].Key);
        Assert.Equal(16, index.Capacity);
        for (int i = 24; i < 27; i++) Assert.True(index.TryGet(entries[i].Key, out _));
        Assert.Null(index.Validate());
    }

    [Theory]
    [InlineData(0, 16)]
    [InlineData(8, 16)]
    [InlineData(9, 32)]
    [InlineData(16, 32)]
    [InlineData(17, 64)]
    [InlineData(1 << 20, 1 << 21)]
    public void The_capacity_for_a_number_of_keys_is_the_smallest_power_of_two_they_fill_at_most_half(int keys, int capacity)
    {
        Assert.Equal(capacity, SessionIndex.CapacityFor(keys));
    }

    [Fact]
    public void A_capacity_beyond_the_largest_array_is_refused_instead_of_looping()
    {
        Bounded.Run(() => Assert.Throws<OverflowException>(() => SessionIndex.CapacityFor(int.MaxValue)));
    }

    [Fact]
    public void Setting_a_key_whose_protocol_exceeds_16_bits_is_refused_with_a_message()
    {
        var index = new SessionIndex();
        var e = Entry(1);
        var key = new CacheKey(0x10304, e.Session.Id);

        var ex = Assert.Throws<ArgumentException>(() => index.Set(key, e, 0));
        Assert.Contains("must fit in 16 bits", ex.Message);
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void A_key_of_protocol_zero_and_an_empty_id_can_be_set_and_found()
    {
        var index = new SessionIndex();
        var e = Entry(1);
        var key = new CacheKey(0, ReadOnlySpan<byte>.Empty);

        index.Set(key, e, 0);

        Assert.True(index.TryGet(key, out var found));
        Assert.Same(e, found.Entry);
    }

    [Fact]
    public void Updating_the_expiry_of_an_indexed_entry_is_seen_by_the_next_lookup()
    {
        var index = new SessionIndex();
        var e = Entry(1, expiry: 100);
        index.Set(e.Key, e, 0);

        e.Expiry = 250;
        index.UpdateExpiry(e);

        // A slot left mid-write (odd version) would make this lookup wait forever.
        var found = Bounded.Run(() => index.TryGet(e.Key, out var f) ? f : throw new Xunit.Sdk.XunitException("key lost"));
        Assert.Equal(250, found.Expiry);
    }

    [Fact]
    public void Updating_the_expiry_of_an_entry_that_is_not_indexed_does_nothing()
    {
        var index = new SessionIndex();
        var other = Entry(2, expiry: 100);
        index.Set(other.Key, other, 0);

        index.UpdateExpiry(Entry(1, expiry: 300));

        Assert.True(index.TryGet(other.Key, out var found));
        Assert.Equal(100, found.Expiry);
        Assert.False(index.TryGet(Entry(1).Key, out _));
    }

    [Fact]
    public void Updating_the_expiry_of_a_replaced_entry_leaves_its_successor_s_expiry()
    {
        var index = new SessionIndex();
        var old = Entry(1, expiry: 100);
        var successor = Entry(1, expiry: 200);
        index.Set(old.Key, old, 0);
        index.Set(successor.Key, successor, 0);

        old.Expiry = 999;
        index.UpdateExpiry(old);

        Assert.True(index.TryGet(successor.Key, out var found));
        Assert.Same(successor, found.Entry);
        Assert.Equal(200, found.Expiry);
    }

    public static IEnumerable<object[]> Lengths() => Enumerable.Range(0, 33).Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Ids_of_every_length_are_found_under_their_protocol_only_and_not_under_a_neighbouring_id(int length)
    {
        var index = new SessionIndex();
        var id = Enumerable.Range(0, length).Select(b => (byte)(b * 7 + 3)).ToArray();
        var e = Entry(1, protocol: SslProtocol.TLSv12, id: id);
        index.Set(e.Key, e, 3);
        var other = Entry(2, protocol: SslProtocol.TLSv13, id: id);
        index.Set(other.Key, other, 0);

        Assert.True(index.TryGet(SslProtocol.TLSv12.Number, id, out var found));
        Assert.Same(e, found.Entry);
        Assert.Equal(3, found.SidCtxTag);
        Assert.True(index.TryGet(SslProtocol.TLSv13.Number, id, out found));
        Assert.Same(other, found.Entry);
        Assert.False(index.Contains(0x0302, id));
        Assert.False(index.Contains(SslProtocol.TLSv12.Number | 0x10000, id));
        if (length > 0)
        {
            var changed = (byte[])id.Clone();
            changed[length - 1] ^= 0x40;
            Assert.False(index.Contains(SslProtocol.TLSv12.Number, changed));
            Assert.False(index.Contains(SslProtocol.TLSv12.Number, id.AsSpan(0, length - 1)));
        }
        if (length < 32) Assert.False(index.Contains(SslProtocol.TLSv12.Number, id.Append((byte)0).ToArray()));
        Assert.Null(index.Validate());
    }

    [Fact]
    public void Every_removed_key_of_a_full_small_table_frees_its_slot_for_new_keys()
    {
        var index = new SessionIndex();
        for (int round = 0; round < 50; round++)
        {
            var entries = Enumerable.Range(round * 13, 13).Select(i => Entry(i)).ToList();
            foreach (var e in entries) index.Set(e.Key, e, 0);
            foreach (var e in entries) Assert.True(index.Remove(e.Key));
            Assert.Equal(0, index.Count);
            Assert.Equal(16, index.Capacity);
            Assert.Null(index.Validate());
        }
    }
}
