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
        /// Median ops/s of <paramref name="reps"/> runs of about <paramref name="seconds"/> each; a warm-up run
        /// (which also lets tiered compilation finish) sizes them. A full collection before each run keeps
        /// garbage from earlier runs from being charged to this one.
        /// </summary>
        public static double Measure(Action op, double seconds, int reps)
        {
            var rates = new double[reps];
            long iters = 200;
            for (int r = -1; r < reps; r++)
            {
                GC.Collect();
                var sw = Stopwatch.StartNew();
                for (long k = 0; k < iters; k++) op();
                double dt = sw.Elapsed.TotalSeconds;
                if (r >= 0) rates[r] = iters / dt;
                else iters = (long)(seconds * iters / dt) + 1;
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
