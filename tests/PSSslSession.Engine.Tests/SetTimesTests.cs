using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>§B.1: SSL_SESSION_set_time/_set_timeout on a cached session re-sort it in its owner's expiry order.</summary>
public class SetTimesTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void Extending_a_cached_sessions_timeout_moves_it_behind_later_sessions()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 2 };
        var a = Sessions.Make(_clock, 1, timeout: 100);
        var b = Sessions.Make(_clock, 2, timeout: 200);
        ctx.Add(a);
        ctx.Add(b);
        a.SetTimes(null, 1000);
        Assert.Equal(new[] { b, a }, ctx.GetSessions());
        Assert.Same(b, Assert.Single(ctx.Add(Sessions.Make(_clock, 3, timeout: 500)).Evicted));
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void Moving_the_start_time_back_makes_a_flush_remove_it()
    {
        var ctx = new SslContext("t", _clock);
        var s = Sessions.Make(_clock, 1, timeout: 100);
        ctx.Add(s);
        s.SetTimes(_clock.Seconds - 1000, null);
        Assert.Same(s, Assert.Single(ctx.Flush(_clock.UtcNow).Removed));
    }

    [Fact]
    public void A_session_re_sorted_to_an_equal_expiry_is_the_newest_among_ties()
    {
        var ctx = new SslContext("t", _clock);
        var a = Sessions.Make(_clock, 1, timeout: 100);
        var b = Sessions.Make(_clock, 2, timeout: 100);
        ctx.Add(a);
        ctx.Add(b);
        a.SetTimes(null, 100);
        Assert.Equal(new[] { b, a }, ctx.GetSessions());
    }

    [Fact]
    public void A_removed_session_changes_its_times_without_touching_the_cache()
    {
        var ctx = new SslContext("t", _clock);
        var s = Sessions.Make(_clock, 1, timeout: 100);
        ctx.Add(s);
        ctx.Remove(s);
        s.SetTimes(null, 5);
        Assert.Equal(5, s.TimeoutSeconds);
        Assert.Equal(0, ctx.Count);
        Assert.Null(ctx.CheckConsistency());
    }
}
