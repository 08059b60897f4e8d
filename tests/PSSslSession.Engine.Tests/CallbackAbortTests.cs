using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>
/// A callback that asks to end the operation (CallbackAbortException: a stopped pipeline, a script's break or exit) is
/// not a fault: it goes through to the caller, after the cache is consistent (issue 14).
/// </summary>
public class CallbackAbortTests
{
    private readonly FakeClock _clock = new();

    private static Exception Abort() => new CallbackAbortException(new OperationCanceledException("stopped"));

    [Fact]
    public void An_abort_in_a_remove_callback_reaches_the_caller_instead_of_becoming_a_fault()
    {
        var ctx = new SslContext("t", _clock);
        var s = Sessions.Make(_clock, 1);
        ctx.Add(s);
        ctx.RegisterRemoveCallback((_, _, _) => throw Abort());
        Assert.Throws<CallbackAbortException>(() => ctx.Remove(s));
        Assert.Equal(0, ctx.Count);
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void An_abort_stops_the_callbacks_that_would_follow_in_the_operation()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Add(Sessions.Make(_clock, 1, timeout: 1));
        ctx.Add(Sessions.Make(_clock, 2, timeout: 1));
        int calls = 0;
        ctx.RegisterRemoveCallback((_, _, _) => { calls++; throw Abort(); });
        _clock.Advance(10);
        Assert.Throws<CallbackAbortException>(() => ctx.Flush(_clock.UtcNow));
        Assert.Equal(1, calls);
        Assert.Equal(0, ctx.Count);
    }

    [Fact]
    public void An_abort_in_a_new_callback_reaches_the_caller()
    {
        var ctx = new SslContext("t", _clock);
        ctx.RegisterNewCallback((_, _) => throw Abort());
        Assert.Throws<CallbackAbortException>(() => ctx.CompleteHandshake(Sessions.Make(_clock, 1), SslRole.Server));
        Assert.Equal(1, ctx.Count);
    }

    [Fact]
    public void An_abort_in_a_get_callback_reaches_the_caller()
    {
        var ctx = new SslContext("t", _clock);
        ctx.RegisterGetCallback((_, _) => throw Abort());
        Assert.Throws<CallbackAbortException>(() => ctx.Lookup(Sessions.Id(1)));
    }

    [Fact]
    public void An_abort_in_the_id_generator_reaches_the_caller()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdGenerator((_, _) => throw Abort());
        Assert.Throws<CallbackAbortException>(() => ctx.GenerateSessionId());
    }

    [Fact]
    public void Any_other_exception_of_a_callback_is_still_a_fault()
    {
        var ctx = new SslContext("t", _clock);
        var s = Sessions.Make(_clock, 1);
        ctx.Add(s);
        ctx.RegisterRemoveCallback((_, _, _) => throw new InvalidOperationException("boom"));
        Assert.Single(ctx.Remove(s).Faults);
    }
}
