using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>§B.3 step 5: eviction order, CacheFull counting and capacity (holds N, or N−1 with the quirk).</summary>
public class EvictionTests
{
    private readonly FakeClock _clock = new();

    private SslContext Fill(int size, int count, bool quirk = false)
    {
        var ctx = new SslContext("t", _clock) { CacheSize = size, OpenSslCompat = quirk };
        for (int i = 0; i < count; i++) ctx.Add(Sessions.Make(_clock, i, timeout: 1000 + i));
        return ctx;
    }

    [Fact]
    public void A_full_cache_evicts_the_earliest_expiry_first()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 2 };
        var late = Sessions.Make(_clock, 1, timeout: 900);
        var early = Sessions.Make(_clock, 2, timeout: 100);
        ctx.Add(late);
        ctx.Add(early);
        var r = ctx.Add(Sessions.Make(_clock, 3, timeout: 500));
        Assert.Same(early, Assert.Single(r.Evicted));
        Assert.Contains(late, ctx.GetSessions());
    }

    [Fact]
    public void Among_equal_expiries_the_oldest_insertion_is_evicted_first()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 2 };
        var first = Sessions.Make(_clock, 1);
        var second = Sessions.Make(_clock, 2);
        ctx.Add(first);
        ctx.Add(second);
        Assert.Same(first, Assert.Single(ctx.Add(Sessions.Make(_clock, 3)).Evicted));
        Assert.Same(second, Assert.Single(ctx.Add(Sessions.Make(_clock, 4)).Evicted));
    }

    [Fact]
    public void Each_eviction_counts_once_in_CacheFull_and_Evictions()
    {
        var ctx = Fill(2, 5);
        var stats = ctx.GetStatistics();
        Assert.Equal(3, stats.CacheFull);
        Assert.Equal(3, stats.Evictions);
    }

    [Fact]
    public void Evicted_sessions_are_marked_not_resumable_and_announced_with_reason_Evicted()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 1 };
        var reasons = new List<(SslSession, SessionRemovalReason)>();
        ctx.RegisterRemoveCallback((_, s, why) => reasons.Add((s, why)));
        var victim = Sessions.Make(_clock, 1);
        ctx.Add(victim);
        ctx.Add(Sessions.Make(_clock, 2));
        Assert.False(victim.IsResumable);
        Assert.Equal((victim, SessionRemovalReason.Evicted), Assert.Single(reasons));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_cache_of_size_N_holds_N(int size)
    {
        var ctx = Fill(size, size + 5);
        Assert.Equal(size, ctx.Count);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    public void With_the_capacity_quirk_a_cache_of_size_N_holds_N_minus_1(int size, int holds)
    {
        var ctx = Fill(size, size + 5, quirk: true);
        Assert.Equal(holds, ctx.Count);
    }

    [Fact]
    public void With_the_capacity_quirk_a_cache_of_size_1_still_holds_1()
    {
        var ctx = Fill(1, 4, quirk: true);
        Assert.Equal(1, ctx.Count);
    }

    [Fact]
    public void The_session_being_added_is_never_evicted_even_when_it_expires_first()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 1 };
        ctx.Add(Sessions.Make(_clock, 1, timeout: 1000));
        var shortLived = Sessions.Make(_clock, 2, timeout: 1);
        ctx.Add(shortLived);
        Assert.Same(shortLived, Assert.Single(ctx.GetSessions()));
    }

    [Fact]
    public void Lowering_the_size_evicts_nothing_until_the_next_add()
    {
        var ctx = Fill(0, 5);
        ctx.CacheSize = 2;
        Assert.Equal(5, ctx.Count);
        Assert.Equal(0, ctx.GetStatistics().CacheFull);
    }

    [Fact]
    public void The_next_add_after_lowering_the_size_evicts_down_to_the_size()
    {
        var ctx = Fill(0, 5);
        ctx.CacheSize = 2;
        var r = ctx.Add(Sessions.Make(_clock, 99));
        Assert.Equal(4, r.Evicted.Count);
        Assert.Equal(2, ctx.Count);
        Assert.Equal(4, ctx.GetStatistics().CacheFull);
    }

    [Fact]
    public void With_the_capacity_quirk_the_next_add_after_lowering_evicts_everything_else()
    {
        var ctx = Fill(0, 5, quirk: true);
        ctx.CacheSize = 2;
        var r = ctx.Add(Sessions.Make(_clock, 99));
        Assert.Equal(5, r.Evicted.Count);
        Assert.Equal(1, ctx.Count);
    }

    [Fact]
    public void Size_zero_is_unlimited()
    {
        var ctx = Fill(0, 100);
        Assert.Equal(100, ctx.Count);
    }

    [Fact]
    public void A_session_whose_expiry_overflows_is_evicted_after_all_others()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 2 };
        var forever = Sessions.Make(1, long.MaxValue - 10, timeout: 300);
        Assert.Equal(long.MaxValue, forever.ExpiresAtUnixSeconds);
        ctx.Add(forever);
        var normal = Sessions.Make(_clock, 2, timeout: 100000);
        ctx.Add(normal);
        Assert.Same(normal, Assert.Single(ctx.Add(Sessions.Make(_clock, 3)).Evicted));
    }

    [Fact]
    public void Replacing_an_entry_in_a_full_cache_evicts_nothing()
    {
        var ctx = Fill(2, 2);
        var r = ctx.Add(Sessions.Make(_clock, 0));
        Assert.NotNull(r.Replaced);
        Assert.Empty(r.Evicted);
        Assert.Equal(2, ctx.Count);
    }

    [Fact]
    public void A_cache_that_fills_up_sizes_its_index_for_its_size_and_churn_keeps_that_size()
    {
        var ctx = Fill(size: 1000, count: 1000);
        int beforeChurn = ctx.Index.Capacity;

        for (int i = 1000; i < 1100; i++) ctx.Add(Sessions.Make(_clock, i, timeout: 5000 + i));
        int reserved = ctx.Index.Capacity;
        for (int i = 1100; i < 20000; i++) ctx.Add(Sessions.Make(_clock, i, timeout: 5000 + i));

        Assert.True(reserved >= 2000 && reserved >= beforeChurn, $"{reserved} slots for a cache of 1000");
        Assert.Equal(reserved, ctx.Index.Capacity);
        Assert.Equal(1000, ctx.Count);
        Assert.Null(ctx.CheckConsistency());
    }
}
