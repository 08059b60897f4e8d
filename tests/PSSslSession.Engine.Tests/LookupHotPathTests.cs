using PSSslSession.Codec;
using PSSslSession.Engine.Cache;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>
/// The hot paths (issue 15): a lookup hit allocates nothing, hits count in per-thread cells, "now" comes from a coarse
/// clock, and a plain add allocates only its cache entry.
/// </summary>
public class LookupHotPathTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void Repeated_hits_on_one_session_return_one_result_object()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Add(Sessions.Make(_clock, 1));
        Assert.Same(ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13), ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13));
    }

    [Fact]
    public void A_hit_allocates_nothing()
    {
        var ctx = new SslContext("t");
        ctx.Add(Sessions.Make(1, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), timeout: 100_000));
        var id = Sessions.Id(1);
        for (int i = 0; i < 200; i++) ctx.Lookup(id, SslProtocol.TLSv13);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) ctx.Lookup(id, SslProtocol.TLSv13);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // A result per hit would be 48,000 bytes; under one byte per lookup leaves room for runtime noise.
        Assert.True(allocated < 1000, $"1000 hits allocated {allocated} bytes");
    }

    [Fact]
    public void A_session_that_replaced_another_under_the_same_id_gets_its_own_hit_result()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Add(Sessions.Make(_clock, 1));
        var first = ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13);
        var replacement = Sessions.Make(_clock, 1);
        ctx.Add(replacement);
        var second = ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13);
        Assert.NotSame(first, second);
        Assert.Same(replacement, second.Session);
        Assert.Equal(Sessions.Id(1), second.GetSessionId());
    }

    [Fact]
    public void A_callback_hit_is_never_answered_with_a_reused_result()
    {
        var ctx = new SslContext("t", _clock);
        ctx.CacheMode |= SslSessionCacheMode.NoInternalStore;
        var s = Sessions.Make(_clock, 1);
        ctx.RegisterGetCallback((_, _) => s);
        var a = ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13);
        var b = ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13);
        Assert.Equal(SslLookupOutcome.CallbackHit, b.Outcome);
        Assert.NotSame(a, b);
    }

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
