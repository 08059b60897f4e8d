using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>Configure: several settings at once, all checked before any is applied.</summary>
public class ConfigureTests
{
    [Fact]
    public void Only_the_settings_given_change()
    {
        var ctx = new SslContext("t");
        ctx.SetSessionIdPrefix("p"u8.ToArray());
        ctx.Configure(new SslContextSettings { CacheSize = 5 });
        Assert.Equal(5, ctx.CacheSize);
        Assert.Equal(SslContext.DefaultTimeout, ctx.Timeout);
        Assert.Equal("p", ctx.SessionIdPrefix);
    }

    [Theory]
    [InlineData("CacheSize")]
    [InlineData("Timeout")]
    [InlineData("SessionIdContext")]
    [InlineData("SessionIdPrefix")]
    public void One_invalid_setting_changes_nothing(string invalid)
    {
        var ctx = new SslContext("t");
        var settings = new SslContextSettings
        {
            CacheMode = SslSessionCacheMode.Both,
            CacheSize = invalid == "CacheSize" ? -1 : 7,
            Timeout = invalid == "Timeout" ? TimeSpan.FromSeconds(-1) : TimeSpan.FromSeconds(60),
            SessionIdContext = invalid == "SessionIdContext" ? new byte[33] : new byte[] { 1 },
            OpenSslCompat = true,
            SessionIdPrefix = invalid == "SessionIdPrefix" ? new byte[33] : new byte[] { 2 },
        };
        Assert.Throws<SslContextException>(() => ctx.Configure(settings));
        Assert.Equal(SslSessionCacheMode.Server, ctx.CacheMode);
        Assert.Equal(SslContext.DefaultCacheSize, ctx.CacheSize);
        Assert.Equal(SslContext.DefaultTimeout, ctx.Timeout);
        Assert.Empty(ctx.GetSessionIdContext());
        Assert.False(ctx.OpenSslCompat);
        Assert.Null(ctx.SessionIdPrefix);
    }

    [Fact]
    public void A_prefix_set_to_null_is_removed_and_one_not_set_is_kept()
    {
        var ctx = new SslContext("t");
        ctx.SetSessionIdPrefix(new byte[] { 9 });
        ctx.Configure(new SslContextSettings { CacheSize = 1 });
        Assert.NotNull(ctx.GetSessionIdPrefix());
        ctx.Configure(new SslContextSettings { SessionIdPrefix = null });
        Assert.Null(ctx.GetSessionIdPrefix());
    }

    [Fact]
    public void A_new_session_id_context_no_longer_matches_sessions_of_the_old_one()
    {
        var clock = new FakeClock();
        var ctx = new SslContext("t", clock);
        ctx.SetSessionIdContext(new byte[] { 1 });
        var s = Sessions.Make(clock, 1, sidCtx: new byte[] { 1 });
        ctx.Add(s);
        ctx.Configure(new SslContextSettings { SessionIdContext = new byte[] { 2 } });
        Assert.Equal(SslLookupOutcome.ContextMismatch, ctx.Lookup(s.GetSessionId()).Outcome);
    }

    [Fact]
    public void A_store_given_is_attached_and_its_sessions_load()
    {
        var clock = new FakeClock();
        var store = new FakeStore();
        store.Seed(Sessions.Make(clock, 1));
        var ctx = new SslContext("t", clock);
        var result = ctx.Configure(new SslContextSettings { Store = store });
        Assert.Same(store, ctx.Store);
        Assert.Single(result.Removed);
        Assert.Equal(1, ctx.Count);
    }

    [Fact]
    public void Text_forms_show_what_was_set()
    {
        var ctx = new SslContext("t");
        ctx.Configure(new SslContextSettings { SessionIdContext = "myapp"u8.ToArray(), SessionIdPrefix = new byte[] { 0xCA, 0xFE } });
        Assert.Equal("myapp", ctx.SessionIdContext);
        Assert.Equal("0xCAFE", ctx.SessionIdPrefix);
    }

    [Fact]
    public void A_closed_context_refuses_configuration()
    {
        var ctx = new SslContext("t");
        ctx.Close();
        Assert.Equal(SslContextError.ContextClosed, Assert.Throws<SslContextException>(() => ctx.Configure(new SslContextSettings { CacheSize = 1 })).Reason);
    }
}
