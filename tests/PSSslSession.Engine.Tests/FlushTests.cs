using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>§B.5 SSL_CTX_flush_sessions: strict expiry, early stop, reason Flushed.</summary>
public class FlushTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void Flush_keeps_a_session_at_exactly_its_expiry_second()
    {
        var ctx = new SslContext("t", _clock);
        var s = Sessions.Make(_clock, 1, timeout: 300);
        ctx.Add(s);
        Assert.Empty(ctx.Flush(_clock.UtcNow.AddSeconds(300)).Removed);
        Assert.Equal(1, ctx.Count);
        Assert.True(s.IsResumable);
    }

    [Fact]
    public void Flush_removes_a_session_one_second_after_its_expiry()
    {
        var ctx = new SslContext("t", _clock);
        var s = Sessions.Make(_clock, 1, timeout: 300);
        ctx.Add(s);
        Assert.Same(s, Assert.Single(ctx.Flush(_clock.UtcNow.AddSeconds(301)).Removed));
        Assert.Equal(0, ctx.Count);
        Assert.False(s.IsResumable);
    }

    [Fact]
    public void Flush_removes_only_the_expired_earliest_first()
    {
        var ctx = new SslContext("t", _clock);
        var a = Sessions.Make(_clock, 1, timeout: 20);
        var b = Sessions.Make(_clock, 2, timeout: 10);
        var c = Sessions.Make(_clock, 3, timeout: 30);
        ctx.Add(a);
        ctx.Add(b);
        ctx.Add(c);
        var r = ctx.Flush(_clock.UtcNow.AddSeconds(25));
        Assert.Equal(new[] { b, a }, r.Removed);
        Assert.Same(c, Assert.Single(ctx.GetSessions()));
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void Flush_announces_reason_Flushed_and_counts_Flushes()
    {
        var ctx = new SslContext("t", _clock);
        var reasons = new List<SessionRemovalReason>();
        ctx.RegisterRemoveCallback((_, _, why) => reasons.Add(why));
        ctx.Add(Sessions.Make(_clock, 1, timeout: 1));
        ctx.Add(Sessions.Make(_clock, 2, timeout: 1));
        ctx.Flush(_clock.UtcNow.AddSeconds(2));
        Assert.Equal(new[] { SessionRemovalReason.Flushed, SessionRemovalReason.Flushed }, reasons);
        Assert.Equal(2, ctx.GetStatistics().Flushes);
    }

    [Fact]
    public void FlushAll_removes_every_session_earliest_first()
    {
        var ctx = new SslContext("t", _clock);
        var late = Sessions.Make(_clock, 1, timeout: 9000);
        var early = Sessions.Make(_clock, 2, timeout: 10);
        ctx.Add(late);
        ctx.Add(early);
        Assert.Equal(new[] { early, late }, ctx.FlushAll().Removed);
        Assert.Equal(0, ctx.Count);
    }

    [Fact]
    public void A_session_whose_expiry_overflows_is_never_flushed_by_time()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Add(Sessions.Make(1, long.MaxValue - 1, timeout: 300));
        Assert.Empty(ctx.Flush(DateTimeOffset.MaxValue).Removed);
        Assert.Equal(1, ctx.Count);
    }

    [Fact]
    public void Flush_of_an_empty_cache_removes_nothing()
    {
        var ctx = new SslContext("t", _clock);
        Assert.Empty(ctx.Flush(DateTimeOffset.MaxValue).Removed);
        Assert.Equal(0, ctx.GetStatistics().Flushes);
    }
}
