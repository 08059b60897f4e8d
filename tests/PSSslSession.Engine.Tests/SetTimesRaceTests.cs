using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>
/// SSL_SESSION_set_time on a session that a cache is adding at the same moment (issue 14): the cache must order the
/// session by the expiry it ends up with, not by one captured between the two writes or before them.
/// </summary>
public class SetTimesRaceTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void A_time_change_racing_the_add_of_the_same_session_leaves_it_ordered_by_its_final_expiry()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 0 };
        const int Rounds = 20_000;
        var sessions = Enumerable.Range(0, Rounds).Select(i => Sessions.Make(i, _clock.Seconds, timeout: 100)).ToArray();
        using var start = new Barrier(2);
        var adder = new Thread(() =>
        {
            foreach (var s in sessions) { start.SignalAndWait(); ctx.Add(s); }
        });
        adder.Start();
        foreach (var s in sessions)
        {
            start.SignalAndWait();
            s.SetTimes(_clock.Seconds + 1000, 5000);
        }
        Assert.True(adder.Join(Bounded.Limit));
        Assert.Null(ctx.CheckConsistency());
        Assert.All(ctx.GetSessions(), s => Assert.Equal(_clock.Seconds + 6000, s.ExpiresAtUnixSeconds));
        // The last to expire really is last: every entry was ordered by its final expiry.
        var order = ctx.GetSessions().Select(s => s.ExpiresAtUnixSeconds).ToArray();
        Assert.Equal(order.OrderBy(x => x), order);
    }
}
