using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>§B.2 defaults and the configuration setters' validation.</summary>
public class DefaultsTests
{
    [Fact]
    public void New_context_has_the_OpenSSL_cache_defaults()
    {
        var ctx = new SslContext("t", new FakeClock());
        Assert.Equal(SslSessionCacheMode.Server, ctx.CacheMode);
        Assert.Equal(20480, ctx.CacheSize);
        Assert.Equal(TimeSpan.FromSeconds(7200), ctx.Timeout);
        Assert.Empty(ctx.SessionIdContext);
        Assert.Equal(0, ctx.Count);
        Assert.False(ctx.IsClosed);
        Assert.Null(ctx.Store);
    }

    [Fact]
    public void Negative_cache_size_is_rejected_with_InvalidCacheSize()
    {
        var ctx = new SslContext("t");
        var e = Assert.Throws<SslContextException>(() => ctx.CacheSize = -1);
        Assert.Equal(SslContextError.InvalidCacheSize, e.Reason);
        Assert.Equal(SslContext.DefaultCacheSize, ctx.CacheSize);
    }

    [Fact]
    public void Negative_timeout_is_rejected_with_InvalidTimeout()
    {
        var ctx = new SslContext("t");
        var e = Assert.Throws<SslContextException>(() => ctx.Timeout = TimeSpan.FromSeconds(-1));
        Assert.Equal(SslContextError.InvalidTimeout, e.Reason);
    }

    [Fact]
    public void Zero_timeout_means_the_method_default_for_new_sessions()
    {
        var ctx = new SslContext("t") { Timeout = TimeSpan.Zero };
        Assert.Equal(TimeSpan.Zero, ctx.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(7200), ctx.EffectiveTimeout);
    }

    [Fact]
    public void Session_id_context_of_33_bytes_is_rejected_with_SessionIdContextTooLong()
    {
        var ctx = new SslContext("t");
        ctx.SetSessionIdContext(new byte[32]);
        var e = Assert.Throws<SslContextException>(() => ctx.SetSessionIdContext(new byte[33]));
        Assert.Equal(SslContextError.SessionIdContextTooLong, e.Reason);
        Assert.Equal(32, ctx.GetSessionIdContext().Length);
    }

    [Fact]
    public void Session_id_context_is_copied_in_and_out()
    {
        var value = new byte[] { 1, 2, 3 };
        var ctx = new SslContext("t");
        ctx.SetSessionIdContext(value);
        value[0] = 9;
        ctx.GetSessionIdContext()[1] = 9;
        Assert.Equal(new byte[] { 1, 2, 3 }, ctx.GetSessionIdContext());
    }
}
