using System;
using System.Diagnostics;
using System.Threading;
using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Benchmarks
{
    /// <summary>
    /// Cache rows, mirroring sessbench.c's cmd_cache: lookups hit/miss at 1 and 2 threads on a cache of n
    /// sessions, adds into a full cache (each evicts one), and flushes of 1%, 10%, 50% and all of a fresh
    /// cache of n. Ours answers lookups with HasMatchingSessionId (rows lookup-*, the counterpart of
    /// SSL_has_matching_session_id) and with the full server lookup Lookup (rows resolve-*, which also checks
    /// sid_ctx and expiry and counts hits/misses).
    /// </summary>
    internal sealed class CacheBenchmarks
    {
        private readonly SessionFactory _factory;
        private readonly ulong _n;
        private readonly int _reps;

        public CacheBenchmarks(SessionFactory factory, ulong n, int reps)
        {
            _factory = factory;
            _n = n;
            _reps = reps;
        }

        /// <summary>Runs the rows of <paramref name="group"/>: lookup, add, flush, or all.</summary>
        public void Run(string group)
        {
            bool all = group == "all";
            if (!all && group != "lookup" && group != "add" && group != "flush")
                throw new ArgumentException("The group must be lookup, add, flush or all.", nameof(group));
            if (all || group == "lookup" || group == "add")
            {
                var ctx = BuildCache();
                if (all || group == "lookup") LookupRows(ctx);
                if (all || group == "add") AddWithEviction(ctx);
                ctx.Dispose();
            }
            if (all || group == "add")
            {
                AddVaried(100_000, "add-varied-100k");
                if (_n >= 1_000_000) AddVaried(1_000_000, "add-varied-1m");
            }
            if (all || group == "flush")
            {
                WarmUpFlush();
                Flush(100);
                Flush(10);
                Flush(500);
                Flush(0);
            }
        }

        private void LookupRows(SslContext ctx)
        {
            var protocol = _factory.Protocol;
            for (int threads = 1; threads <= 2; threads++)
            {
                foreach (bool hit in new[] { true, false })
                {
                    var queries = QueryIds(hit, threads);
                    string suffix = $"{(hit ? "hit" : "miss")}-{threads}t";
                    Stats.Row("lookup-" + suffix, Lookups(queries, hit, id => ctx.HasMatchingSessionId(id, protocol)));
                    Stats.Row("resolve-" + suffix, Lookups(queries, hit, id => ctx.Lookup(id, protocol).Outcome == SslLookupOutcome.Hit));
                    if (threads == 1)
                    {
                        var q = queries[0];
                        Stats.Note(FormattableString.Invariant($"alloc lookup-{suffix} {Stats.AllocatedPerCall(() => ctx.HasMatchingSessionId(q[0], protocol), 10000):0} B/op"));
                        Stats.Note(FormattableString.Invariant($"alloc resolve-{suffix} {Stats.AllocatedPerCall(() => ctx.Lookup(q[0], protocol), 10000):0} B/op"));
                    }
                }
            }
        }

        /// <summary>A cache holding sessions 0..n-1, unlimited size, sid_ctx = the template's (so Lookup hits).</summary>
        private SslContext BuildCache()
        {
            var ctx = new SslContext("bench") { CacheSize = 0 };
            ctx.SetSessionIdContext(_factory.Template.GetSessionIdContext());
            for (ulong i = 0; i < _n; i++)
                if (!ctx.Add(_factory.Make(i)).Added) throw new InvalidOperationException("Add failed while filling the cache.");
            return ctx;
        }

        /// <summary>Per thread: n ids, hits among sessions 0..n-1, misses among n..2n-1 (same streams as the C side).</summary>
        private SessionId[][] QueryIds(bool hit, int threads)
        {
            var all = new SessionId[threads][];
            for (int t = 0; t < threads; t++)
            {
                var ids = new SessionId[_n];
                for (ulong k = 0; k < _n; k++)
                    ids[k] = new SessionId(BenchIds.IdFor((hit ? 0 : _n) + BenchIds.QueryIndex((ulong)(t + 1), k, _n)));
                all[t] = ids;
            }
            return all;
        }

        /// <summary>Median total lookups/s over all threads; every thread queries its own stream of n ids.</summary>
        private Stats.Rates Lookups(SessionId[][] queries, bool hit, Func<SessionId, bool> lookup)
        {
            int threads = queries.Length;
            var rates = new Stats.Rates(_reps);
            for (int r = -1; r < _reps; r++)
            {
                GC.Collect();
                var found = new long[threads];
                var start = new Barrier(threads + 1);
                var workers = new Thread[threads];
                for (int t = 0; t < threads; t++)
                {
                    int me = t;
                    workers[t] = new Thread(() =>
                    {
                        var ids = queries[me];
                        long f = 0;
                        start.SignalAndWait();
                        for (int k = 0; k < ids.Length; k++)
                            if (lookup(ids[k])) f++;
                        found[me] = f;
                    });
                    workers[t].Start();
                }
                // The clocks start before the release, or a descheduled main thread could miss the work.
                double cpu = Stats.CpuSeconds();
                var sw = Stopwatch.StartNew();
                start.SignalAndWait();
                foreach (var w in workers) w.Join();
                double dt = sw.Elapsed.TotalSeconds;
                cpu = Stats.CpuSeconds() - cpu;
                foreach (var f in found)
                    if (f != (hit ? (long)_n : 0)) throw new InvalidOperationException($"A lookup thread found {f} sessions.");
                if (r >= 0) rates.Record(r, threads * (double)_n, threads, dt, cpu);
            }
            return rates;
        }

        /// <summary>n/4 new sessions per repetition into the full cache resized to n (each add evicts one).</summary>
        private void AddWithEviction(SslContext ctx)
        {
            ulong m = _n / 4, next = _n;
            var rates = new Stats.Rates(_reps);
            ctx.CacheSize = checked((int)_n);
            long allocated = TimeAdds(ctx, m, rates, k => _factory.Make(next++));
            if ((ulong)ctx.Count != _n) throw new InvalidOperationException($"The cache holds {ctx.Count} sessions, not {_n}.");
            Stats.Row("add-evict", rates);
            Stats.Note(FormattableString.Invariant($"alloc add-evict {(double)allocated / m:0} B/op"));
            AddLatencyUnderChurn(ctx, ref next);
        }

        /// <summary>
        /// The latency of each of n more adds into the full cache (every add evicts one; issue 15 item 3): percentiles
        /// and the maximum, as the note "latency add-churn". n adds span more than one cycle of any periodic index
        /// rebuild (a tombstone table rebuilt itself every ~0.6 n adds), so a pause shows in the maximum.
        /// </summary>
        private void AddLatencyUnderChurn(SslContext ctx, ref ulong next)
        {
            var batch = new SslSession[_n];
            for (ulong k = 0; k < _n; k++) batch[k] = _factory.Make(next++);
            var ticks = new long[_n];
            GC.Collect();
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            var paused = GC.GetTotalPauseDuration();
            for (ulong k = 0; k < _n; k++)
            {
                long t = Stopwatch.GetTimestamp();
                ctx.Add(batch[k]);
                ticks[k] = Stopwatch.GetTimestamp() - t;
            }
            gen0 = GC.CollectionCount(0) - gen0;
            gen1 = GC.CollectionCount(1) - gen1;
            gen2 = GC.CollectionCount(2) - gen2;
            paused = GC.GetTotalPauseDuration() - paused;
            var slowest = new int[5];
            for (int i = 0; i < ticks.Length; i++)
                for (int j = 0; j < slowest.Length; j++)
                    if (ticks[i] > ticks[slowest[j]]) { Array.Copy(slowest, j, slowest, j + 1, slowest.Length - j - 1); slowest[j] = i; break; }
            Stats.Note("latency add-churn slowest adds: " + string.Join(", ", Array.ConvertAll(slowest, i => FormattableString.Invariant($"#{i} {ticks[i] * 1e6 / Stopwatch.Frequency:0}us"))));
            Array.Sort(ticks);
            double Us(double q) => ticks[Math.Min(ticks.Length - 1, (int)(q * ticks.Length))] * 1e6 / Stopwatch.Frequency;
            Stats.Note(FormattableString.Invariant(
                $"latency add-churn n={_n} p50={Us(0.5):0.00}us p99={Us(0.99):0.00}us p99.9={Us(0.999):0.00}us p99.99={Us(0.9999):0.0}us max={Us(1):0.0}us gc0={gen0} gc1={gen1} gc2={gen2} gc-pause={paused.TotalMilliseconds:0.0}ms"));
        }

        /// <summary>
        /// A warm-up and <c>_reps</c> timed repetitions of <paramref name="m"/> adds of sessions made (untimed) by
        /// <paramref name="make"/>; returns the bytes the last repetition allocated.
        /// </summary>
        private long TimeAdds(SslContext ctx, ulong m, Stats.Rates rates, Func<ulong, SslSession> make)
        {
            var batch = new SslSession[m];
            long allocated = 0;
            for (int r = -1; r < _reps; r++)
            {
                for (ulong k = 0; k < m; k++) batch[k] = make(k);
                GC.Collect();
                long before = GC.GetAllocatedBytesForCurrentThread();
                double cpu = Stats.CpuSeconds();
                var sw = Stopwatch.StartNew();
                for (ulong k = 0; k < m; k++)
                    if (!ctx.Add(batch[k]).Added) throw new InvalidOperationException("Add failed.");
                double dt = sw.Elapsed.TotalSeconds;
                cpu = Stats.CpuSeconds() - cpu;
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if (r >= 0) rates.Record(r, m, 1, dt, cpu);
            }
            return allocated;
        }

        /// <summary>Start offset of varied add k, spread over the timeout range (sessbench.c's varied_offset).</summary>
        private static long VariedOffset(ulong k) => (long)(k * 2654435761UL % (ulong)SessionFactory.Timeout);

        /// <summary>
        /// Adds with expiries drawn over the timeout range into an unbounded cache of <paramref name="cached"/> sessions
        /// whose expiries fill that range (sessbench.c's bench_add_varied; the same sequence, n/4 adds per repetition).
        /// </summary>
        private void AddVaried(ulong cached, string row)
        {
            ulong m = cached / 4, next = 0;
            var rates = new Stats.Rates(_reps);
            var ctx = new SslContext("bench-varied") { CacheSize = 0 };
            ctx.SetSessionIdContext(_factory.Template.GetSessionIdContext());
            for (ulong i = 0; i < cached; i++)
                if (!ctx.Add(_factory.Make(i, _factory.T0 + (long)(i * (ulong)SessionFactory.Timeout / cached))).Added)
                    throw new InvalidOperationException("Filling the varied cache failed.");
            TimeAdds(ctx, m, rates, k => { var s = _factory.Make(cached + next, _factory.T0 + VariedOffset(next)); next++; return s; });
            if ((ulong)ctx.Count != cached + next) throw new InvalidOperationException($"The varied cache holds {ctx.Count} sessions, not {cached + next}.");
            Stats.Row(row, rates);
            ctx.Dispose();
        }

        /// <summary>
        /// Flush rows time one call on a fresh cache, so the flush path is warmed up on small caches first
        /// (a steady-state server flushes over and over): enough calls for tiered compilation to promote
        /// its methods, and time for the background compiler to install the optimised code.
        /// </summary>
        private void WarmUpFlush()
        {
            for (int round = 0; round < 40; round++)
            {
                var ctx = new SslContext("bench-warm-up") { CacheSize = 0 };
                for (ulong i = 0; i < 2000; i++) ctx.Add(_factory.Make(i));
                ctx.Flush(DateTimeOffset.FromUnixTimeSeconds(_factory.T0 + SessionFactory.Timeout + 1000));
                ctx.FlushAll();
                ctx.Dispose();
                if (round % 10 == 9) Thread.Sleep(200);
            }
        }

        /// <summary>Flush of perMille/1000 (0 = all) of a fresh cache of n; rows in removed sessions/s, plus ns per removed session.</summary>
        private void Flush(int perMille)
        {
            ulong expired = perMille == 0 ? _n : _n * (ulong)perMille / 1000;
            var rates = new Stats.Rates(_reps);
            long allocated = 0;
            for (int r = 0; r < _reps; r++)
            {
                var ctx = BuildCache();
                var at = DateTimeOffset.FromUnixTimeSeconds(_factory.T0 + SessionFactory.Timeout + (long)expired);
                GC.Collect();
                long before = GC.GetAllocatedBytesForCurrentThread();
                double cpu = Stats.CpuSeconds();
                var sw = Stopwatch.StartNew();
                var result = perMille == 0 ? ctx.FlushAll() : ctx.Flush(at);
                double dt = sw.Elapsed.TotalSeconds;
                cpu = Stats.CpuSeconds() - cpu;
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if ((ulong)result.Removed.Count != expired || (ulong)ctx.Count != _n - expired)
                    throw new InvalidOperationException($"The flush removed {result.Removed.Count} sessions, not {expired}.");
                rates.Record(r, expired, 1, dt, cpu);
                ctx.Dispose();
            }
            string name = perMille == 0 ? "all" : FormattableString.Invariant($"{perMille / 10.0:0.#}pct");
            Stats.Row("flush-" + name, rates);
            if (perMille != 0)
                Console.WriteLine(FormattableString.Invariant($"flushscale-{name} {1e9 / rates.Wall:0.0} {1e9 / rates.Cpu:0.0}"));
            Stats.Note(FormattableString.Invariant($"alloc flush-{name} {(double)allocated / expired:0.0} B/removed session"));
        }
    }
}
