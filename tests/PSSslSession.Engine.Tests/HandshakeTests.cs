using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>§B.6 auto-clear, §B.7 ssl_update_cache, §B.11 handshake counters.</summary>
public class HandshakeTests
{
    private readonly FakeClock _clock = new();
    private int _newCalls;

    private SslContext NewContext(SslSessionCacheMode mode)
    {
        var ctx = new SslContext("t", _clock) { CacheMode = mode };
        ctx.RegisterNewCallback((_, _) => _newCalls++);
        return ctx;
    }

    [Fact]
    public void A_server_handshake_counts_accept_and_accept_good()
    {
        var ctx = NewContext(SslSessionCacheMode.Server);
        ctx.CompleteHandshake(Sessions.Make(_clock, 1), SslRole.Server);
        var s = ctx.GetStatistics();
        Assert.Equal((1, 1, 0, 0), (s.Accept, s.AcceptGood, s.Connect, s.ConnectGood));
    }

    [Fact]
    public void A_client_handshake_counts_connect_and_connect_good()
    {
        var ctx = NewContext(SslSessionCacheMode.Client);
        ctx.CompleteHandshake(Sessions.Make(_clock, 1), SslRole.Client);
        var s = ctx.GetStatistics();
        Assert.Equal((0, 0, 1, 1), (s.Accept, s.AcceptGood, s.Connect, s.ConnectGood));
    }

    [Fact]
    public void A_resumed_client_handshake_counts_a_hit()
    {
        var ctx = NewContext(SslSessionCacheMode.Client);
        ctx.CompleteHandshake(Sessions.Make(_clock, 1, protocol: SslProtocol.TLSv12), SslRole.Client, resumed: true);
        Assert.Equal(1, ctx.GetStatistics().Hits);
    }

    [Fact]
    public void Server_mode_stores_server_sessions_and_runs_the_new_callbacks()
    {
        var ctx = NewContext(SslSessionCacheMode.Server);
        var r = ctx.CompleteHandshake(Sessions.Make(_clock, 1), SslRole.Server);
        Assert.True(r.Cached);
        Assert.True(r.NewCallbackCalled);
        Assert.Equal(1, ctx.Count);
        Assert.Equal(1, _newCalls);
    }

    [Fact]
    public void Server_mode_does_not_store_client_sessions()
    {
        var ctx = NewContext(SslSessionCacheMode.Server);
        var r = ctx.CompleteHandshake(Sessions.Make(_clock, 1), SslRole.Client);
        Assert.False(r.Cached);
        Assert.Equal(0, ctx.Count);
        Assert.Equal(0, _newCalls);
    }

    [Fact]
    public void Client_mode_stores_client_sessions()
    {
        var ctx = NewContext(SslSessionCacheMode.Client);
        Assert.True(ctx.CompleteHandshake(Sessions.Make(_clock, 1), SslRole.Client).Cached);
        Assert.False(ctx.CompleteHandshake(Sessions.Make(_clock, 2), SslRole.Server).Cached);
        Assert.Equal(1, ctx.Count);
    }

    [Fact]
    public void Off_mode_stores_nothing_and_runs_no_new_callback()
    {
        var ctx = NewContext(SslSessionCacheMode.Off);
        ctx.CompleteHandshake(Sessions.Make(_clock, 1), SslRole.Server);
        ctx.CompleteHandshake(Sessions.Make(_clock, 2), SslRole.Client);
        Assert.Equal(0, ctx.Count);
        Assert.Equal(0, _newCalls);
    }

    [Fact]
    public void A_resumed_TLS12_handshake_does_not_store_the_session_again()
    {
        var ctx = NewContext(SslSessionCacheMode.Server);
        var r = ctx.CompleteHandshake(Sessions.Make(_clock, 1, protocol: SslProtocol.TLSv12), SslRole.Server, resumed: true);
        Assert.False(r.Cached);
        Assert.Equal(0, _newCalls);
    }

    [Fact]
    public void A_resumed_TLS13_handshake_stores_its_new_ticket_session()
    {
        var ctx = NewContext(SslSessionCacheMode.Server);
        var r = ctx.CompleteHandshake(Sessions.Make(_clock, 1, protocol: SslProtocol.TLSv13), SslRole.Server, resumed: true);
        Assert.True(r.Cached);
        Assert.Equal(1, _newCalls);
    }

    [Fact]
    public void A_session_with_an_empty_id_is_not_stored()
    {
        var ctx = NewContext(SslSessionCacheMode.Server);
        var ticketOnly = Sessions.Make(1, _clock.Seconds, id: Array.Empty<byte>(), ticket: new byte[] { 1, 2 });
        var r = ctx.CompleteHandshake(ticketOnly, SslRole.Server);
        Assert.False(r.Cached);
        Assert.Equal(0, _newCalls);
        Assert.Equal(1, ctx.GetStatistics().AcceptGood);
    }

    [Fact]
    public void A_not_resumable_session_is_not_stored()
    {
        var ctx = NewContext(SslSessionCacheMode.Server);
        var s = Sessions.Make(_clock, 1);
        ctx.Remove(s);
        Assert.False(ctx.CompleteHandshake(s, SslRole.Server).Cached);
        Assert.Equal(0, ctx.Count);
    }

    [Fact]
    public void NoInternalStore_runs_the_new_callbacks_without_caching()
    {
        var ctx = NewContext(SslSessionCacheMode.Server | SslSessionCacheMode.NoInternalStore);
        var r = ctx.CompleteHandshake(Sessions.Make(_clock, 1), SslRole.Server);
        Assert.False(r.Cached);
        Assert.True(r.NewCallbackCalled);
        Assert.Equal(0, ctx.Count);
    }

    [Fact]
    public void New_callbacks_run_in_registration_order()
    {
        var ctx = new SslContext("t", _clock);
        var order = new List<int>();
        ctx.RegisterNewCallback((_, _) => order.Add(1));
        ctx.RegisterNewCallback((_, _) => order.Add(2));
        ctx.RegisterNewCallback((_, _) => order.Add(3));
        ctx.CompleteHandshake(Sessions.Make(_clock, 1), SslRole.Server);
        Assert.Equal(new[] { 1, 2, 3 }, order);
    }

    private static int RunHandshakes(SslContext ctx, FakeClock clock, int count, int firstId)
    {
        int flushes = 0;
        for (int i = 0; i < count; i++)
            if (ctx.CompleteHandshake(Sessions.Make(clock, firstId + i, timeout: 1000000), SslRole.Server).AutoFlush != null) flushes++;
        return flushes;
    }

    [Fact]
    public void Auto_clear_does_not_run_on_the_255th_handshake()
    {
        var ctx = NewContext(SslSessionCacheMode.Server);
        ctx.Add(Sessions.Make(_clock, -1, timeout: 1));
        _clock.Advance(10);
        Assert.Equal(0, RunHandshakes(ctx, _clock, 255, 0));
        Assert.Equal(256, ctx.Count);
    }

    [Fact]
    public void Auto_clear_flushes_expired_sessions_on_the_256th_handshake()
    {
        var ctx = NewContext(SslSessionCacheMode.Server);
        var expired = Sessions.Make(_clock, -1, timeout: 1);
        ctx.Add(expired);
        _clock.Advance(10);
        RunHandshakes(ctx, _clock, 255, 0);
        var r = ctx.CompleteHandshake(Sessions.Make(_clock, 255, timeout: 1000000), SslRole.Server);
        Assert.NotNull(r.AutoFlush);
        Assert.Same(expired, Assert.Single(r.AutoFlush!.Removed));
        Assert.Equal(1, ctx.GetDetails().AutoClearRuns);
    }

    [Fact]
    public void Auto_clear_runs_again_on_the_512th_handshake()
    {
        var ctx = NewContext(SslSessionCacheMode.Server);
        Assert.Equal(2, RunHandshakes(ctx, _clock, 512, 0));
    }

    [Fact]
    public void NoAutoClear_never_flushes_on_handshakes()
    {
        var ctx = NewContext(SslSessionCacheMode.Server | SslSessionCacheMode.NoAutoClear);
        ctx.Add(Sessions.Make(_clock, -1, timeout: 1));
        _clock.Advance(10);
        Assert.Equal(0, RunHandshakes(ctx, _clock, 600, 0));
        Assert.Equal(601, ctx.Count);
    }

    [Fact]
    public void A_client_resuming_a_TLS13_session_removes_it_from_its_cache_as_single_use()
    {
        var ctx = NewContext(SslSessionCacheMode.Client);
        var reasons = new List<SessionRemovalReason>();
        ctx.RegisterRemoveCallback((_, _, reason) => reasons.Add(reason));
        var ticket = Sessions.Make(_clock, 1, protocol: SslProtocol.TLSv13);
        ctx.Add(ticket);

        var r = ctx.CompleteHandshake(ticket, SslRole.Client, resumed: true);

        Assert.Equal(0, ctx.Count);
        Assert.False(ticket.IsResumable);
        Assert.False(r.Cached);
        Assert.Equal(new[] { SessionRemovalReason.Removed }, reasons);
    }

    [Fact]
    public void A_client_resuming_a_TLS12_session_keeps_it_cached()
    {
        var ctx = NewContext(SslSessionCacheMode.Client);
        var session = Sessions.Make(_clock, 1, protocol: SslProtocol.TLSv12);
        ctx.Add(session);

        ctx.CompleteHandshake(session, SslRole.Client, resumed: true);

        Assert.Equal(1, ctx.Count);
        Assert.True(session.IsResumable);
    }

    [Fact]
    public void A_TLS13_resumption_outside_client_mode_leaves_the_cache_alone()
    {
        var ctx = NewContext(SslSessionCacheMode.Server);
        var ticket = Sessions.Make(_clock, 1, protocol: SslProtocol.TLSv13);
        ctx.Add(ticket);

        ctx.CompleteHandshake(ticket, SslRole.Client, resumed: true);

        Assert.Equal(1, ctx.Count);
    }
}
