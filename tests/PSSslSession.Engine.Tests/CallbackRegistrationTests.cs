using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>Several callbacks per event, listed and unregistered.</summary>
public class CallbackRegistrationTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void Registrations_are_listed_in_registration_order_with_their_descriptions()
    {
        var ctx = new SslContext("t", _clock);
        var a = ctx.RegisterRemoveCallback((_, _, _) => { }, "a");
        var b = ctx.RegisterNewCallback((_, _) => { }, "b");
        var c = ctx.RegisterGetCallback((_, _) => null, "c");
        Assert.Equal(new[] { a, b, c }, ctx.Callbacks);
        Assert.Equal(new[] { SessionCallbackEvent.Remove, SessionCallbackEvent.New, SessionCallbackEvent.Get }, ctx.Callbacks.Select(r => r.Event));
        Assert.Equal("b", b.Description);
    }

    [Fact]
    public void An_unregistered_callback_is_no_longer_called()
    {
        var ctx = new SslContext("t", _clock);
        int calls = 0;
        var r = ctx.RegisterNewCallback((_, _) => calls++);
        Assert.True(ctx.UnregisterCallback(r));
        Assert.False(ctx.UnregisterCallback(r));
        ctx.CompleteHandshake(Sessions.Make(_clock, 1), SslRole.Server);
        Assert.Equal(0, calls);
        Assert.Empty(ctx.Callbacks);
    }

    [Fact]
    public void UnregisterCallbacks_removes_one_event_or_all()
    {
        var ctx = new SslContext("t", _clock);
        ctx.RegisterNewCallback((_, _) => { });
        ctx.RegisterNewCallback((_, _) => { });
        ctx.RegisterRemoveCallback((_, _, _) => { });
        Assert.Equal(2, ctx.UnregisterCallbacks(SessionCallbackEvent.New));
        Assert.Equal(SessionCallbackEvent.Remove, Assert.Single(ctx.Callbacks).Event);
        Assert.Equal(1, ctx.UnregisterCallbacks());
        Assert.Empty(ctx.Callbacks);
    }

    [Fact]
    public void A_callback_may_unregister_itself_while_running()
    {
        var ctx = new SslContext("t", _clock);
        int calls = 0;
        SessionCallbackRegistration? self = null;
        self = ctx.RegisterNewCallback((c, _) => { calls++; c.UnregisterCallback(self!); });
        ctx.CompleteHandshake(Sessions.Make(_clock, 1), SslRole.Server);
        ctx.CompleteHandshake(Sessions.Make(_clock, 2), SslRole.Server);
        Assert.Equal(1, calls);
    }
}
