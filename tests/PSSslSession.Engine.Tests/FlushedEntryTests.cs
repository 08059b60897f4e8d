using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>
/// A flush marks its sessions dead and leaves their keys in the index for a later sweep: every member must treat
/// such an entry as absent, and the backlog must drain.
/// </summary>
public class FlushedEntryTests
{
    private readonly FakeClock _clock = new();

    /// <summary>Caches a (expires after 10 s) and b (after 300 s), then flushes only a.</summary>
    private (SslContext ctx, SslSession flushed, SslSession kept) FlushOneOfTwo()
    {
        var ctx = new SslContext("t", _clock);
        var a = Sessions.Make(_clock, 1, timeout: 10);
        var b = Sessions.Make(_clock, 2, timeout: 300);
        ctx.Add(a);
        ctx.Add(b);
        Assert.Same(a, Assert.Single(ctx.Flush(_clock.UtcNow.AddSeconds(11)).Removed));
        return (ctx, a, b);
    }

    [Fact]
    public void Flush_leaves_the_key_for_the_sweep_and_the_cache_consistent()
    {
        var (ctx, _, _) = FlushOneOfTwo();
        Assert.Equal(1, ctx.Count);
        Assert.Equal(1, ctx.DeadBacklog);
        Assert.Equal(2, ctx.IndexedKeys);
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void Flush_with_reclaimMemory_deletes_the_flushed_keys_at_once()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Add(Sessions.Make(_clock, 1, timeout: 10));
        ctx.Add(Sessions.Make(_clock, 2, timeout: 300));

        ctx.Flush(_clock.UtcNow.AddSeconds(11), reclaimMemory: true);

        Assert.Equal(0, ctx.DeadBacklog);
        Assert.Equal(1, ctx.IndexedKeys);
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void HasMatchingSessionId_is_false_for_a_flushed_session()
    {
        var (ctx, a, _) = FlushOneOfTwo();
        Assert.False(ctx.HasMatchingSessionId(a.Id, a.GetProtocol()));
        Assert.False(ctx.HasMatchingSessionId(a.Id));
    }

    [Fact]
    public void Lookup_misses_a_flushed_session()
    {
        var (ctx, a, _) = FlushOneOfTwo();
        Assert.Equal(SslLookupOutcome.Miss, ctx.Lookup(a.Id, a.GetProtocol()).Outcome);
        Assert.Equal(SslLookupOutcome.Miss, ctx.Lookup(a.Id).Outcome);
    }

    [Fact]
    public void FindSessions_and_GetSessions_omit_a_flushed_session()
    {
        var (ctx, a, b) = FlushOneOfTwo();
        Assert.Empty(ctx.FindSessions(a.Id, a.GetProtocol()));
        Assert.Empty(ctx.FindSessions(a.Id));
        Assert.Same(b, Assert.Single(ctx.GetSessions()));
    }

    [Fact]
    public void Remove_of_a_flushed_session_removes_nothing_and_announces_nothing()
    {
        var (ctx, a, _) = FlushOneOfTwo();
        var announced = 0;
        ctx.RegisterRemoveCallback((_, _, _) => announced++);
        Assert.False(ctx.Remove(a).Removed);
        Assert.False(ctx.Remove(a.Id).Removed);
        Assert.Equal(0, announced);
        Assert.Equal(1, ctx.Count);
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void Add_over_a_flushed_key_is_a_plain_insert()
    {
        var (ctx, a, _) = FlushOneOfTwo();
        var announced = 0;
        ctx.RegisterRemoveCallback((_, _, _) => announced++);
        var again = Sessions.Make(_clock, 1, timeout: 300);
        var r = ctx.Add(again);
        Assert.True(r.Added);
        Assert.Null(r.Replaced);
        Assert.Empty(r.Evicted);
        Assert.Equal(0, announced);
        Assert.Equal(2, ctx.Count);
        Assert.Same(again, ctx.Lookup(a.Id, a.GetProtocol()).Session);
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void Add_of_the_flushed_instance_itself_caches_it_again()
    {
        var (ctx, a, _) = FlushOneOfTwo();
        a.SetTimes(_clock.Seconds, 300);
        Assert.True(ctx.Add(a).Added);
        Assert.Equal(2, ctx.Count);
        Assert.True(ctx.HasMatchingSessionId(a.Id, a.GetProtocol()));
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void A_flushed_session_given_new_times_stays_out_of_the_cache()
    {
        var (ctx, a, b) = FlushOneOfTwo();
        a.SetTimes(_clock.Seconds, 3000);
        Assert.Equal(1, ctx.Count);
        Assert.Same(b, Assert.Single(ctx.GetSessions()));
        Assert.False(ctx.HasMatchingSessionId(a.Id, a.GetProtocol()));
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void Adds_sweep_the_flushed_backlog_until_the_index_holds_only_live_keys()
    {
        var ctx = new SslContext("t", _clock);
        for (int i = 0; i < 100; i++) ctx.Add(Sessions.Make(_clock, i, timeout: 10));
        ctx.Add(Sessions.Make(_clock, 1000, timeout: 300));
        Assert.Equal(100, ctx.Flush(_clock.UtcNow.AddSeconds(11)).Removed.Count);
        Assert.Equal(100, ctx.DeadBacklog);
        for (int i = 0; i < 100; i++) ctx.Add(Sessions.Make(_clock, 2000 + i, timeout: 300));
        Assert.Equal(0, ctx.DeadBacklog);
        Assert.Equal(ctx.Count, ctx.IndexedKeys);
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void Each_add_sweeps_part_of_the_backlog()
    {
        var ctx = new SslContext("t", _clock);
        for (int i = 0; i < 100; i++) ctx.Add(Sessions.Make(_clock, i, timeout: 10));
        ctx.Add(Sessions.Make(_clock, 1000, timeout: 300));
        ctx.Flush(_clock.UtcNow.AddSeconds(11));
        ctx.Add(Sessions.Make(_clock, 2000, timeout: 300));
        Assert.InRange(ctx.DeadBacklog, 0, 99);
        Assert.Equal(ctx.Count + ctx.DeadBacklog, ctx.IndexedKeys);
    }

    [Fact]
    public void A_flush_that_empties_the_cache_empties_the_index()
    {
        var ctx = new SslContext("t", _clock);
        for (int i = 0; i < 10; i++) ctx.Add(Sessions.Make(_clock, i, timeout: 10));
        ctx.Flush(_clock.UtcNow.AddSeconds(11));
        Assert.Equal(0, ctx.DeadBacklog);
        Assert.Equal(0, ctx.IndexedKeys);
    }

    [Fact]
    public void FlushAll_empties_the_index_and_the_backlog()
    {
        var (ctx, _, _) = FlushOneOfTwo();
        ctx.FlushAll();
        Assert.Equal(0, ctx.Count);
        Assert.Equal(0, ctx.DeadBacklog);
        Assert.Equal(0, ctx.IndexedKeys);
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void A_session_added_after_a_flush_into_the_future_is_found_though_it_expires_before_that_instant()
    {
        // Clear-SslSessionCache -Before (Get-Date).AddHours(3): the flush mark lies in the future, and sessions added
        // afterwards that expire earlier were never flushed.
        var (ctx, _, _) = FlushOneOfTwo();
        ctx.Flush(_clock.UtcNow.AddHours(3));
        var later = Sessions.Make(_clock, 3, timeout: 60);
        ctx.Add(later);

        Assert.True(ctx.HasMatchingSessionId(later.Id, later.GetProtocol()));
        Assert.Equal(SslLookupOutcome.Hit, ctx.Lookup(later.Id, later.GetProtocol()).Outcome);
        Assert.Same(later, Assert.Single(ctx.FindSessions(later.Id)));
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void A_key_flushed_and_added_again_before_the_sweep_finds_the_new_session()
    {
        var (ctx, flushed, _) = FlushOneOfTwo();
        var again = Sessions.Make(_clock, 1, timeout: 300);
        Assert.True(ctx.Add(again).Added);

        Assert.NotSame(flushed, again);
        Assert.Same(again, ctx.Lookup(again.Id, again.GetProtocol()).Session);
        Assert.Null(ctx.CheckConsistency());
    }
}
