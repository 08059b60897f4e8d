using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>SSL_CTX_free: flush everything, then refuse use.</summary>
public class CloseTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void Close_flushes_every_session_with_reason_Flushed()
    {
        var ctx = new SslContext("t", _clock);
        var reasons = new List<SessionRemovalReason>();
        ctx.RegisterRemoveCallback((_, _, why) => reasons.Add(why));
        ctx.Add(Sessions.Make(_clock, 1));
        ctx.Add(Sessions.Make(_clock, 2));
        Assert.Equal(2, ctx.Close().Removed.Count);
        Assert.True(ctx.IsClosed);
        Assert.Equal(0, ctx.Count);
        Assert.Equal(new[] { SessionRemovalReason.Flushed, SessionRemovalReason.Flushed }, reasons);
    }

    [Fact]
    public void Operations_after_Close_fail_with_ContextClosed()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Close();
        var s = Sessions.Make(_clock, 1);
        foreach (var op in new Action[]
        {
            () => ctx.Add(s), () => ctx.Remove(s), () => ctx.Lookup(Sessions.Id(1)), () => ctx.FlushAll(),
            () => ctx.Flush(_clock.UtcNow), () => ctx.CompleteHandshake(s, SslRole.Server), () => ctx.GenerateSessionId(),
            () => ctx.AttachStore(new FakeStore()), () => ctx.RegisterNewCallback((_, _) => { }),
        })
            Assert.Equal(SslContextError.ContextClosed, Assert.Throws<SslContextException>(op).Reason);
    }

    [Fact]
    public void Closing_twice_does_nothing_the_second_time()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Add(Sessions.Make(_clock, 1));
        ctx.Close();
        Assert.Empty(ctx.Close().Removed);
        ctx.Dispose();
    }

    [Fact]
    public void Statistics_stay_readable_after_Close()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Add(Sessions.Make(_clock, 1));
        ctx.Close();
        Assert.Equal(1, ctx.GetStatistics().Flushes);
    }
}
