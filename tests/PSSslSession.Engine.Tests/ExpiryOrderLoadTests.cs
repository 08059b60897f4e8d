using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>
/// Loads in mixed expiry order (store loads, SetTimes, mixed timeouts): the expiry order must place out-of-order
/// sessions without walking the whole cache, and stay consistent.
/// </summary>
public class ExpiryOrderLoadTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void Adding_100k_sessions_in_random_expiry_order_keeps_the_cache_consistent_and_sorted()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 0 };
        var random = new Random(7);
        for (int i = 0; i < 100_000; i++)
            ctx.Add(Sessions.Make(i, _clock.Seconds + random.Next(1_000_000), timeout: 300));
        Assert.Equal(100_000, ctx.Count);
        Assert.Null(ctx.CheckConsistency());
        var sessions = ctx.GetSessions();
        for (int i = 1; i < sessions.Count; i++)
            Assert.True(sessions[i - 1].ExpiresAtUnixSeconds <= sessions[i].ExpiresAtUnixSeconds);
    }

    [Fact]
    public void Flushing_after_a_random_order_load_removes_exactly_the_expired_sessions()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 0 };
        var random = new Random(11);
        for (int i = 0; i < 20_000; i++)
            ctx.Add(Sessions.Make(i, _clock.Seconds + random.Next(1000), timeout: 100));
        var cutoff = _clock.Seconds + 600;
        int expected = ctx.GetSessions().Count(s => cutoff > s.ExpiresAtUnixSeconds);
        var flushed = ctx.Flush(DateTimeOffset.FromUnixTimeSeconds(cutoff));
        Assert.Equal(expected, flushed.Removed.Count);
        Assert.All(ctx.GetSessions(), s => Assert.True(s.ExpiresAtUnixSeconds >= cutoff));
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void Setting_times_in_random_order_on_cached_sessions_keeps_the_cache_consistent()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 0 };
        var sessions = Enumerable.Range(0, 20_000).Select(i => Sessions.Make(_clock, i)).ToList();
        foreach (var s in sessions) ctx.Add(s);
        var random = new Random(3);
        foreach (var s in sessions) s.SetTimes(_clock.Seconds + random.Next(100_000), 300);
        Assert.Null(ctx.CheckConsistency());
        Assert.Equal(sessions.Max(s => s.ExpiresAtUnixSeconds), ctx.GetDetails().LatestExpiryUnixSeconds);
    }
}
