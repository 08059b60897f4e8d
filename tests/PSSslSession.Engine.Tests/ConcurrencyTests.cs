using System.Collections.Concurrent;
using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>
/// Stress with a bounded number of operations (never wall time): 4 threads mixing add, lookup, remove and flush.
/// Afterwards the cache is consistent (field note 4), the lookup counters add up and nothing was lost.
/// </summary>
public class ConcurrencyTests
{
    private const int Threads = 4;
    private const int OperationsPerThread = 20000;
    private readonly FakeClock _clock = new();

    /// <summary>Awaits the workers, failing instead of hanging if they deadlock.</summary>
    private static async Task Finish(Task[] workers)
    {
        var all = Task.WhenAll(workers);
        Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromMinutes(2))));
        await all;
    }

    [Fact]
    public async Task Mixed_operations_on_four_threads_leave_a_consistent_cache_with_exact_counters()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 0 };
        long lookups = 0;
        var present = new ConcurrentDictionary<int, bool>();
        var workers = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            var random = new Random(1000 + t);
            int mine = t * 1_000_000;
            var added = new List<int>();
            long myLookups = 0;
            for (int i = 0; i < OperationsPerThread; i++)
            {
                switch (random.Next(10))
                {
                    case 0: case 1: case 2:
                        ctx.Add(Sessions.Make(_clock, mine, timeout: 100000));
                        added.Add(mine++);
                        break;
                    case 3:
                        // Already expired: only a flush takes these out; they are never looked up.
                        ctx.Add(Sessions.Make(-1 - (t * 1_000_000 + i), _clock.Seconds - 100, timeout: 1));
                        break;
                    case 4:
                        if (added.Count > 0)
                        {
                            int at = random.Next(added.Count);
                            Assert.True(ctx.Remove(Sessions.Id(added[at]), SslProtocol.TLSv13).Removed);
                            added.RemoveAt(at);
                        }
                        break;
                    case 5:
                        ctx.Flush(_clock.UtcNow);
                        break;
                    default:
                        int thread = random.Next(Threads);
                        ctx.Lookup(Sessions.Id(thread * 1_000_000 + random.Next(OperationsPerThread / 3)), SslProtocol.TLSv13);
                        myLookups++;
                        break;
                }
            }
            foreach (var id in added) present[id] = true;
            Interlocked.Add(ref lookups, myLookups);
        })).ToArray();
        await Finish(workers);

        Assert.Null(ctx.CheckConsistency());
        var stats = ctx.GetStatistics();
        Assert.Equal(lookups, stats.Hits + stats.Misses);
        Assert.Equal(0, stats.Timeouts);
        foreach (var id in present.Keys) Assert.True(ctx.HasMatchingSessionId(Sessions.Id(id), SslProtocol.TLSv13), $"session {id} was lost");
        ctx.Flush(_clock.UtcNow);
        Assert.Equal(present.Count, ctx.Count);
    }

    [Fact]
    public async Task Concurrent_adds_to_a_bounded_cache_never_exceed_its_size()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 64 };
        var workers = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < OperationsPerThread / 4; i++)
            {
                ctx.Add(Sessions.Make(_clock, t * 1_000_000 + i, timeout: i % 50));
                Assert.True(ctx.Count <= 64);
            }
        })).ToArray();
        await Finish(workers);
        Assert.Null(ctx.CheckConsistency());
        Assert.Equal(64, ctx.Count);
        Assert.Equal(Threads * (OperationsPerThread / 4) - 64, ctx.GetStatistics().CacheFull);
    }

    [Fact]
    public async Task Flushes_racing_adds_of_the_same_keys_keep_the_count_and_the_index_exact()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 0 };
        const int Keys = 64;
        var workers = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            var random = new Random(2000 + t);
            for (int i = 0; i < OperationsPerThread; i++)
            {
                int key = random.Next(Keys);
                switch (random.Next(6))
                {
                    case 0:
                        // Already expired: the next flush marks it dead while other threads re-add its key.
                        ctx.Add(Sessions.Make(key, _clock.Seconds - 100, timeout: 1));
                        break;
                    case 1:
                        ctx.Add(Sessions.Make(_clock, key, timeout: 100000));
                        break;
                    case 2:
                        ctx.Flush(_clock.UtcNow);
                        break;
                    case 3:
                        ctx.Remove(Sessions.Id(key), SslProtocol.TLSv13);
                        break;
                    default:
                        // Whatever the race, a lookup answers for the id it was asked about, with an outcome that
                        // exists for this cache (no get callback, no store, one protocol, no sid_ctx).
                        var found = ctx.Lookup(Sessions.Id(key), SslProtocol.TLSv13);
                        Assert.Contains(found.Outcome, new[] { SslLookupOutcome.Hit, SslLookupOutcome.Miss, SslLookupOutcome.Expired });
                        Assert.Equal(found.Outcome == SslLookupOutcome.Miss, found.Session == null);
                        if (found.Session != null) Assert.Equal(Sessions.Id(key), found.Session.GetSessionId());
                        if (ctx.HasMatchingSessionId(Sessions.Id(key), SslProtocol.TLSv13))
                            Assert.All(ctx.FindSessions(Sessions.Id(key), SslProtocol.TLSv13), s => Assert.Equal(Sessions.Id(key), s.GetSessionId()));
                        break;
                }
            }
        })).ToArray();
        await Finish(workers);

        Assert.Null(ctx.CheckConsistency());
        Assert.Equal(ctx.GetSessions().Count, ctx.Count);
        ctx.Flush(_clock.UtcNow);
        Assert.Null(ctx.CheckConsistency());
        Assert.All(ctx.GetSessions(), s => Assert.True(s.ExpiresAtUnixSeconds >= _clock.Seconds));
        for (int key = 0; key < Keys; key++)
            Assert.Equal(ctx.FindSessions(Sessions.Id(key), SslProtocol.TLSv13).Count == 1, ctx.HasMatchingSessionId(Sessions.Id(key), SslProtocol.TLSv13));
        ctx.FlushAll();
        Assert.Equal(0, ctx.IndexedKeys);
        Assert.Equal(0, ctx.DeadBacklog);
    }

    [Fact]
    public async Task A_statistics_snapshot_never_shows_Evictions_and_CacheFull_apart()
    {
        // Two names for one counter: read twice, a snapshot taken while adds evict would show them apart.
        var ctx = new SslContext("t", _clock) { CacheSize = 8 };
        using var stop = new CancellationTokenSource();
        var adder = Task.Run(() =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++) ctx.Add(Sessions.Make(_clock, i));
        });
        SpinWait.SpinUntil(() => ctx.GetStatistics().CacheFull > 100, TimeSpan.FromSeconds(10));
        long before = ctx.GetStatistics().CacheFull;
        int apart = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.ElapsedMilliseconds < 500)
        {
            var stats = ctx.GetStatistics();
            if (stats.Evictions != stats.CacheFull) apart++;
        }
        long during = ctx.GetStatistics().CacheFull - before;
        stop.Cancel();
        await Finish(new[] { adder });
        Assert.True(during > 1000, $"only {during} evictions while the snapshots were taken");
        Assert.Equal(0, apart);
    }
}
