using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>A fault says which callback or store of which context failed.</summary>
public class FaultMessageTests
{
    [Fact]
    public void A_throwing_remove_callback_is_named_with_its_context()
    {
        var clock = new FakeClock();
        var ctx = new SslContext("web", clock);
        ctx.RegisterRemoveCallback((_, _, _) => throw new InvalidOperationException("boom"));
        var s = Sessions.Make(clock, 1);
        ctx.Add(s);
        var fault = Assert.Single(ctx.Remove(s).Faults);
        Assert.Equal("web", fault.ContextName);
        Assert.Equal("The Remove callback of context 'web' failed: boom", fault.Message);
    }

    [Fact]
    public void A_throwing_new_callback_is_named_with_its_context()
    {
        var clock = new FakeClock();
        var ctx = new SslContext("api", clock);
        ctx.RegisterNewCallback((_, _) => throw new InvalidOperationException("nope"));
        var fault = Assert.Single(ctx.CompleteHandshake(Sessions.Make(clock, 1, protocol: SslProtocol.TLSv12), SslRole.Server).Faults);
        Assert.Equal("The New callback of context 'api' failed: nope", fault.Message);
    }

    [Fact]
    public void A_failing_store_is_named_with_its_context()
    {
        var clock = new FakeClock();
        var store = new FakeStore { Failing = true };
        var ctx = new SslContext("db", clock);
        ctx.AttachStore(store, load: false);
        var fault = Assert.Single(ctx.Add(Sessions.Make(clock, 1)).Faults);
        Assert.StartsWith("The session store of context 'db' failed: ", fault.Message);
    }
}
