using System;
using System.Diagnostics;

namespace PSSslSession.Benchmarks
{
    /// <summary>Timing helpers with the same method as the C harness: warm-up, repetitions, median.</summary>
    internal static class Stats
    {
        public static double Median(double[] values)
        {
            var v = (double[])values.Clone();
            Array.Sort(v);
            int n = v.Length;
            return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        }

        /// <summary>
        /// Median ops/s of <paramref name="reps"/> runs of about <paramref name="seconds"/> each, after a warm-up
        /// of at least as long (long enough for tiered compilation to install optimised code; its last batch
        /// sizes the runs). A full collection before each run keeps garbage from earlier runs from being
        /// charged to this one.
        /// </summary>
        public static double Measure(Action op, double seconds, int reps)
        {
            long iters = 100;
            double warmed = 0;
            while (true)
            {
                var sw = Stopwatch.StartNew();
                for (long k = 0; k < iters; k++) op();
                double dt = sw.Elapsed.TotalSeconds;
                warmed += dt;
                if (warmed >= seconds) { iters = (long)(seconds * iters / dt) + 1; break; }
                if (dt < 0.05) iters *= 2;
            }
            var rates = new double[reps];
            for (int r = 0; r < reps; r++)
            {
                GC.Collect();
                var sw = Stopwatch.StartNew();
                for (long k = 0; k < iters; k++) op();
                rates[r] = iters / sw.Elapsed.TotalSeconds;
            }
            return Median(rates);
        }

        /// <summary>Bytes allocated per call of <paramref name="op"/> on this thread (after a warm-up call).</summary>
        public static double AllocatedPerCall(Action op, int calls)
        {
            op();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int k = 0; k < calls; k++) op();
            return (double)(GC.GetAllocatedBytesForCurrentThread() - before) / calls;
        }

        /// <summary>One result row: "&lt;row&gt; &lt;value&gt;", the format bench/run joins with the C side's.</summary>
        public static void Row(string name, double value) => Console.WriteLine(FormattableString.Invariant($"{name} {value:0.#}"));

        /// <summary>A diagnostic line (not a result row): bench/run shows these under "profile".</summary>
        public static void Note(string text) => Console.WriteLine("# " + text);
    }
}
