using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>A throwing callback does not stop the operation or other callbacks; it becomes a fault in the result.</summary>
public class FaultTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void A_throwing_remove_callback_becomes_a_fault_and_later_callbacks_still_run()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 1 };
        var victim = Sessions.Make(_clock, 1);
        ctx.Add(victim);
        int secondCalls = 0;
        ctx.RegisterRemoveCallback((_, _, _) => throw new InvalidOperationException("bad handler"));
        ctx.RegisterRemoveCallback((_, _, _) => secondCalls++);
        var r = ctx.Add(Sessions.Make(_clock, 2));
        var fault = Assert.Single(r.Faults);
        Assert.Equal(SslCacheFaultSource.RemoveCallback, fault.Source);
        Assert.Same(victim, fault.Session);
        Assert.Equal("bad handler", fault.Exception.Message);
        Assert.Equal(1, secondCalls);
        Assert.True(r.Added);
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void A_throwing_remove_callback_during_a_flush_does_not_stop_the_flush()
    {
        var ctx = new SslContext("t", _clock);
        for (int i = 0; i < 3; i++) ctx.Add(Sessions.Make(_clock, i, timeout: 1));
        ctx.RegisterRemoveCallback((_, _, _) => throw new InvalidOperationException());
        var r = ctx.Flush(_clock.UtcNow.AddSeconds(2));
        Assert.Equal(3, r.Removed.Count);
        Assert.Equal(3, r.Faults.Count);
        Assert.Equal(0, ctx.Count);
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void A_throwing_new_session_callback_becomes_a_fault_and_the_session_stays_cached()
    {
        var ctx = new SslContext("t", _clock);
        ctx.RegisterNewCallback((_, _) => throw new InvalidOperationException());
        var r = ctx.CompleteHandshake(Sessions.Make(_clock, 1), SslRole.Server);
        Assert.Equal(SslCacheFaultSource.NewCallback, Assert.Single(r.Faults).Source);
        Assert.True(r.Cached);
        Assert.Equal(1, ctx.Count);
    }

    [Fact]
    public void A_throwing_get_callback_becomes_a_fault_and_the_next_one_is_asked()
    {
        var ctx = new SslContext("t", _clock);
        var s = Sessions.Make(_clock, 1);
        ctx.RegisterGetCallback((_, _) => throw new InvalidOperationException());
        ctx.RegisterGetCallback((_, _) => s);
        var r = ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13);
        Assert.Equal(SslLookupOutcome.CallbackHit, r.Outcome);
        Assert.Equal(SslCacheFaultSource.GetCallback, Assert.Single(r.Faults).Source);
    }

    [Fact]
    public void Auto_clear_faults_appear_in_the_handshake_result()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Add(Sessions.Make(_clock, -1, timeout: 1));
        ctx.RegisterRemoveCallback((_, _, _) => throw new InvalidOperationException());
        _clock.Advance(5);
        HandshakeResult? last = null;
        for (int i = 0; i < 256; i++) last = ctx.CompleteHandshake(Sessions.Make(_clock, i), SslRole.Server);
        Assert.NotNull(last!.AutoFlush);
        Assert.Single(last.AutoFlush!.Faults);
        Assert.Single(last.Faults);
    }
}
