using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>Contexts by unique, case-insensitive name.</summary>
public class RegistryTests
{
    private readonly SslContextRegistry _registry = new();

    [Fact]
    public void A_registered_context_is_found_by_name_ignoring_case()
    {
        var ctx = new SslContext("Web");
        _registry.Register(ctx);
        Assert.Same(ctx, _registry.Get("WEB"));
        Assert.True(_registry.TryGet("web", out var found));
        Assert.Same(ctx, found);
    }

    [Fact]
    public void Registering_a_name_in_use_fails_with_NameInUse()
    {
        _registry.Register(new SslContext("Web"));
        var e = Assert.Throws<SslContextException>(() => _registry.Register(new SslContext("web")));
        Assert.Equal(SslContextError.NameInUse, e.Reason);
    }

    [Fact]
    public void Getting_an_unknown_name_fails_with_ContextNotFound()
    {
        Assert.Equal(SslContextError.ContextNotFound, Assert.Throws<SslContextException>(() => _registry.Get("nope")).Reason);
        Assert.False(_registry.TryGet("nope", out _));
    }

    [Fact]
    public void Contexts_lists_every_open_context_sorted_by_name()
    {
        _registry.Register(new SslContext("b"));
        _registry.Register(new SslContext("a"));
        Assert.Equal(new[] { "a", "b" }, _registry.Contexts.Select(c => c.Name));
        Assert.Equal(new[] { "a", "b" }, _registry.Names);
    }

    [Fact]
    public void Remove_closes_and_unregisters_the_context()
    {
        var clock = new FakeClock();
        var ctx = new SslContext("web", clock);
        ctx.Add(Sessions.Make(clock, 1));
        _registry.Register(ctx);
        Assert.Single(_registry.Remove(ctx).Removed);
        Assert.True(ctx.IsClosed);
        Assert.False(_registry.TryGet("web", out _));
    }

    [Fact]
    public void Removing_a_context_that_is_not_registered_fails_with_ContextNotFound()
    {
        Assert.Equal(SslContextError.ContextNotFound, Assert.Throws<SslContextException>(() => _registry.Remove(new SslContext("x"))).Reason);
    }

    [Fact]
    public void The_name_of_a_closed_context_can_be_registered_again()
    {
        var old = new SslContext("web");
        _registry.Register(old);
        old.Close();
        var fresh = new SslContext("web");
        _registry.Register(fresh);
        Assert.Same(fresh, _registry.Get("web"));
    }
}
