using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>
/// Field note 1 (openssl PR 31540): callbacks run outside the cache lock, so they may call back into the same
/// context. Each test runs on a task with a time limit and fails instead of hanging. Two threads are involved on
/// purpose: a callback that waits for another thread's cache call would deadlock if the lock were still held.
/// </summary>
public class ReentrancyTests
{
    private readonly FakeClock _clock = new();

    /// <summary>Calls <paramref name="action"/> on another thread and waits for it, from inside a callback.</summary>
    private static void OnOtherThread(Action action)
    {
        if (!Task.Run(action).Wait(Bounded.Limit)) throw new TimeoutException("the other thread is blocked by the cache lock");
    }

    private SslContext FullContextWithOneSession()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 1 };
        ctx.Add(Sessions.Make(_clock, 1));
        return ctx;
    }

    [Fact]
    public void A_remove_callback_may_flush_the_same_context_during_an_eviction()
    {
        var ctx = FullContextWithOneSession();
        ctx.RegisterRemoveCallback((c, _, _) => OnOtherThread(() => c.Flush(_clock.UtcNow)));
        var r = Bounded.Run(() => ctx.Add(Sessions.Make(_clock, 2)));
        Assert.Empty(r.Faults);
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void A_remove_callback_may_add_to_the_same_context()
    {
        var ctx = FullContextWithOneSession();
        ctx.CacheSize = 0;
        ctx.RegisterRemoveCallback((c, s, why) =>
        {
            if (why == SessionRemovalReason.Removed) OnOtherThread(() => c.Add(Sessions.Make(_clock, 50)));
        });
        Bounded.Run(() => ctx.Remove(Sessions.Id(1)));
        Assert.Equal(Sessions.Id(50), Assert.Single(ctx.GetSessions()).GetSessionId());
    }

    [Fact]
    public void A_remove_callback_may_remove_from_the_same_context()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Add(Sessions.Make(_clock, 1, timeout: 1));
        ctx.Add(Sessions.Make(_clock, 2, timeout: 1000));
        ctx.RegisterRemoveCallback((c, s, why) =>
        {
            if (why == SessionRemovalReason.Flushed) OnOtherThread(() => c.Remove(Sessions.Id(2)));
        });
        Bounded.Run(() => ctx.Flush(_clock.UtcNow.AddSeconds(5)));
        Assert.Equal(0, ctx.Count);
    }

    [Fact]
    public void A_remove_callback_may_read_statistics_and_look_up()
    {
        var ctx = FullContextWithOneSession();
        ctx.Add(Sessions.Make(_clock, 3));
        long seen = -1;
        SslLookupOutcome outcome = SslLookupOutcome.Miss;
        ctx.RegisterRemoveCallback((c, _, _) => OnOtherThread(() =>
        {
            seen = c.GetStatistics().Count;
            outcome = c.Lookup(Sessions.Id(4), SslProtocol.TLSv13).Outcome;
        }));
        Bounded.Run(() => ctx.Add(Sessions.Make(_clock, 4)));
        Assert.Equal(1, seen);
        Assert.Equal(SslLookupOutcome.Hit, outcome);
    }

    [Fact]
    public void A_new_session_callback_may_flush_and_add()
    {
        var ctx = new SslContext("t", _clock);
        ctx.RegisterNewCallback((c, s) => OnOtherThread(() =>
        {
            c.FlushAll();
            c.Add(Sessions.Make(_clock, 77));
        }));
        var r = Bounded.Run(() => ctx.CompleteHandshake(Sessions.Make(_clock, 1), SslRole.Server));
        Assert.Empty(r.Faults);
        Assert.Equal(Sessions.Id(77), Assert.Single(ctx.GetSessions()).GetSessionId());
    }

    [Fact]
    public void A_get_callback_may_add_to_the_same_context()
    {
        var ctx = new SslContext("t", _clock);
        ctx.RegisterGetCallback((c, id) =>
        {
            var s = Sessions.Make(_clock, 9);
            OnOtherThread(() => c.Add(s));
            return s;
        });
        var r = Bounded.Run(() => ctx.Lookup(Sessions.Id(9), SslProtocol.TLSv13));
        Assert.Equal(SslLookupOutcome.CallbackHit, r.Outcome);
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void Removed_sessions_handed_to_callbacks_are_intact()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 1 };
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var s = new SslSessionBuilder { Cipher = Sessions.Tls13Cipher, SessionId = Sessions.IdBytes(1), MasterKey = key, StartTimeUnixSeconds = _clock.Seconds }.Build();
        ctx.Add(s);
        byte[]? seen = null;
        ctx.RegisterRemoveCallback((_, removed, _) => seen = removed.MasterKey.ToArray());
        ctx.Add(Sessions.Make(_clock, 2));
        Assert.Equal(key, seen);
    }
}
