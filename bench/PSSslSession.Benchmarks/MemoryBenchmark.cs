using System;
using System.IO;
using System.Runtime;
using PSSslSession.Engine;

namespace PSSslSession.Benchmarks
{
    /// <summary>
    /// Memory row, mirroring sessbench.c's cmd_memory: resident set growth per cached session over n
    /// sessions added to an unlimited cache, read from /proc/self/statm after forced, compacting collections.
    /// Runs in its own process so nothing else shares the heap.
    /// </summary>
    internal static class MemoryBenchmark
    {
        public static void Run(string row, SessionFactory factory, ulong n)
        {
            var ctx = new SslContext("bench-memory") { CacheSize = 0 };
            ctx.Add(factory.Make(n)); // warm-up: JIT, statics, first index buckets
            Collect();
            long rssBefore = Rss();
            long heapBefore = GC.GetTotalMemory(true);
            for (ulong i = 0; i < n; i++) ctx.Add(factory.Make(i));
            Collect();
            long rssAfter = Rss();
            long heapAfter = GC.GetTotalMemory(true);
            if ((ulong)ctx.Count != n + 1) throw new InvalidOperationException("The cache lost sessions.");
            Stats.Row(row, (double)(rssAfter - rssBefore) / n);
            Stats.Note(FormattableString.Invariant($"{row}: managed heap {(double)(heapAfter - heapBefore) / n:0} B/session (RSS {(double)(rssAfter - rssBefore) / n:0})"));
            GC.KeepAlive(ctx);
        }

        private static void Collect()
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        private static long Rss()
        {
            var fields = File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }
    }
}
