using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>Snapshots, details, counters without side effects, and the consistency check.</summary>
public class DiagnosticsTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void RecordHandshakeStart_counts_starts_and_renegotiations()
    {
        var ctx = new SslContext("t", _clock);
        ctx.RecordHandshakeStart(SslRole.Server);
        ctx.RecordHandshakeStart(SslRole.Server, renegotiation: true);
        ctx.RecordHandshakeStart(SslRole.Client, renegotiation: true);
        var s = ctx.GetStatistics();
        Assert.Equal((1L, 1L, 0L, 1L, 0L), (s.Accept, s.AcceptRenegotiate, s.Connect, s.ConnectRenegotiate, s.AcceptGood));
    }

    [Fact]
    public void GetDetails_reports_the_expiry_range_and_count()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Add(Sessions.Make(_clock, 1, timeout: 50));
        ctx.Add(Sessions.Make(_clock, 2, timeout: 10));
        ctx.Add(Sessions.Make(_clock, 3, timeout: 90));
        var d = ctx.GetDetails();
        Assert.Equal(3, d.Count);
        Assert.Equal(_clock.Seconds + 10, d.EarliestExpiryUnixSeconds);
        Assert.Equal(_clock.Seconds + 90, d.LatestExpiryUnixSeconds);
    }

    [Fact]
    public void FindSessions_and_GetSessions_count_no_hits_or_misses()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Add(Sessions.Make(_clock, 1));
        Assert.Single(ctx.FindSessions(Sessions.Id(1)));
        Assert.Single(ctx.FindSessions(Sessions.Id(1), SslProtocol.TLSv13));
        Assert.Empty(ctx.FindSessions(Sessions.Id(1), SslProtocol.TLSv12));
        Assert.Empty(ctx.FindSessions(Sessions.Id(2)));
        Assert.Single(ctx.GetSessions());
        var s = ctx.GetStatistics();
        Assert.Equal((0, 0), (s.Hits, s.Misses));
    }

    [Fact]
    public void Statistics_name_the_context_and_report_size_and_count()
    {
        var ctx = new SslContext("web", _clock) { CacheSize = 10 };
        ctx.Add(Sessions.Make(_clock, 1));
        var s = ctx.GetStatistics();
        Assert.Equal(("web", 1L, 10L), (s.ContextName, s.Count, s.CacheSize));
    }

    [Fact]
    public void A_session_cached_in_two_contexts_keeps_both_consistent()
    {
        var a = new SslContext("a", _clock);
        var b = new SslContext("b", _clock);
        var s = Sessions.Make(_clock, 1);
        a.Add(s);
        b.Add(s);
        s.SetTimes(null, 5000);
        b.Remove(s);
        Assert.Null(a.CheckConsistency());
        Assert.Null(b.CheckConsistency());
        Assert.Equal(1, a.Count);
    }
}
