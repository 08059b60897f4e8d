using PSSslSession.Codec;
using PSSslSession.Engine.Cache;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>
/// The hot paths (issue 15): hits count in per-thread cells, "now" comes from a coarse
/// clock, and a plain add allocates only its cache entry.
/// </summary>
public class LookupHotPathTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void Hits_from_threads_with_their_own_cell_and_from_threads_sharing_one_all_count()
    {
        // 96 threads alive at once have 96 different managed ids, so at least 32 of them are past the owned cells.
        var counter = new StripedCounter();
        const int threads = StripedCounter.OwnedCells + 32, each = 10_000;
        using var start = new ManualResetEventSlim();
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            start.Wait();
            for (int i = 0; i < each; i++) counter.Increment();
        })).ToList();
        workers.ForEach(t => t.Start());
        Assert.Contains(workers, t => t.ManagedThreadId >= StripedCounter.OwnedCells);
        start.Set();
        workers.ForEach(t => Assert.True(t.Join(Bounded.Limit)));
        Assert.Equal((long)threads * each, counter.Read());
    }

    [Fact]
    public void The_coarse_clock_always_reads_the_current_second()
    {
        // Runs across at least one second boundary, where a reading reused too long would lag.
        var until = DateTime.UtcNow.AddSeconds(1.2);
        long calls = 0;
        while (DateTime.UtcNow < until)
        {
            long before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            long coarse = CoarseUnixClock.NowSeconds();
            long after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            Assert.InRange(coarse, before, after);
            calls++;
        }
        Assert.True(calls > 1000);
    }

    [Fact]
    public void A_system_clock_context_expires_a_session_in_the_second_after_its_expiry()
    {
        var ctx = new SslContext("t");
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var expired = Sessions.Make(1, now - 10, timeout: 9);
        var live = Sessions.Make(2, now - 10, timeout: 100);
        ctx.Add(expired);
        ctx.Add(live);
        Assert.Equal(SslLookupOutcome.Expired, ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13).Outcome);
        Assert.Equal(SslLookupOutcome.Hit, ctx.Lookup(Sessions.Id(2), SslProtocol.TLSv13).Outcome);
    }

    [Fact]
    public void Plain_adds_share_one_result_and_an_add_that_evicts_gets_its_own()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 2 };
        var first = ctx.Add(Sessions.Make(_clock, 1, timeout: 10));
        var second = ctx.Add(Sessions.Make(_clock, 2, timeout: 20));
        var evicting = ctx.Add(Sessions.Make(_clock, 3, timeout: 30));
        Assert.Same(first, second);
        Assert.True(first.Added);
        Assert.Empty(first.Evicted);
        Assert.Null(first.Replaced);
        Assert.NotSame(first, evicting);
        Assert.Equal(Sessions.Id(1), Assert.Single(evicting.Evicted).GetSessionId());
    }
}
