using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>§B.3 / §D SSL_CTX_add_session return values, replacement and UPDATE_TIME.</summary>
public class AddTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void Add_of_a_new_session_returns_true_and_caches_it()
    {
        var ctx = new SslContext("t", _clock);
        var s = Sessions.Make(_clock, 1);
        var r = ctx.Add(s);
        Assert.True(r.Added);
        Assert.Null(r.Replaced);
        Assert.Empty(r.Evicted);
        Assert.Equal(1, ctx.Count);
        Assert.Same(s, Assert.Single(ctx.GetSessions()));
    }

    [Fact]
    public void Add_of_the_same_instance_returns_false()
    {
        var ctx = new SslContext("t", _clock);
        var s = Sessions.Make(_clock, 1);
        ctx.Add(s);
        Assert.False(ctx.Add(s).Added);
        Assert.Equal(1, ctx.Count);
    }

    [Fact]
    public void Add_of_another_instance_with_the_same_key_replaces_it_without_a_remove_callback()
    {
        var ctx = new SslContext("t", _clock);
        var removed = new List<SslSession>();
        ctx.RegisterRemoveCallback((_, s, _) => removed.Add(s));
        var old = Sessions.Make(_clock, 1);
        var fresh = Sessions.Make(_clock, 1);
        ctx.Add(old);
        var r = ctx.Add(fresh);
        Assert.True(r.Added);
        Assert.Same(old, r.Replaced);
        Assert.Empty(removed);
        Assert.Same(fresh, Assert.Single(ctx.GetSessions()));
        Assert.True(old.IsResumable);
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void The_same_id_under_two_protocols_is_two_entries()
    {
        var ctx = new SslContext("t", _clock);
        Assert.True(ctx.Add(Sessions.Make(_clock, 1, protocol: SslProtocol.TLSv13)).Added);
        Assert.True(ctx.Add(Sessions.Make(_clock, 1, protocol: SslProtocol.TLSv12)).Added);
        Assert.Equal(2, ctx.Count);
        Assert.Equal(2, ctx.FindSessions(Sessions.Id(1)).Count);
    }

    [Fact]
    public void Add_caches_even_when_the_cache_mode_is_off()
    {
        var ctx = new SslContext("t", _clock) { CacheMode = SslSessionCacheMode.Off };
        Assert.True(ctx.Add(Sessions.Make(_clock, 1)).Added);
        Assert.Equal(1, ctx.Count);
    }

    [Fact]
    public void Without_UpdateTime_add_keeps_the_start_time()
    {
        var ctx = new SslContext("t", _clock);
        var s = Sessions.Make(1, _clock.Seconds - 100);
        ctx.Add(s);
        Assert.Equal(_clock.Seconds - 100, s.StartTimeUnixSeconds);
    }

    [Fact]
    public void UpdateTime_mode_sets_the_start_time_of_a_new_entry_to_now()
    {
        var ctx = new SslContext("t", _clock) { CacheMode = SslSessionCacheMode.Server | SslSessionCacheMode.UpdateTime };
        var s = Sessions.Make(1, _clock.Seconds - 100);
        ctx.Add(s);
        Assert.Equal(_clock.Seconds, s.StartTimeUnixSeconds);
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void UpdateTime_mode_refreshes_an_instance_already_cached_and_reorders_it()
    {
        var ctx = new SslContext("t", _clock) { CacheMode = SslSessionCacheMode.Server | SslSessionCacheMode.UpdateTime };
        var a = Sessions.Make(_clock, 1);
        var b = Sessions.Make(_clock, 2);
        ctx.Add(a);
        ctx.Add(b);
        _clock.Advance(50);
        Assert.False(ctx.Add(a).Added);
        Assert.Equal(_clock.Seconds, a.StartTimeUnixSeconds);
        Assert.Equal(new[] { b, a }, ctx.GetSessions());
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void A_session_with_an_empty_id_can_be_added_and_flushed()
    {
        var ctx = new SslContext("t", _clock);
        var s = Sessions.Make(1, _clock.Seconds, id: Array.Empty<byte>(), ticket: new byte[] { 1 });
        Assert.True(ctx.Add(s).Added);
        Assert.Equal(1, ctx.Count);
        Assert.Single(ctx.FlushAll().Removed);
    }
}
