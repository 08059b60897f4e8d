using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace PSSslSession.Benchmarks
{
    /// <summary>Timing helpers with the same method as the C harness: warm-up, repetitions, median.</summary>
    internal static class Stats
    {
        /// <summary>
        /// CPU time of the whole process (every thread), in seconds: clock_gettime(CLOCK_PROCESS_CPUTIME_ID),
        /// as the C side reads it. Process.TotalProcessorTime would do, but on Linux it counts in 10 ms ticks.
        /// </summary>
        public static double CpuSeconds()
        {
            if (clock_gettime(ClockProcessCpuTimeId, out var ts) != 0) throw new InvalidOperationException("clock_gettime failed.");
            return ts.Seconds + ts.Nanoseconds / 1e9;
        }

        private const int ClockProcessCpuTimeId = 2;

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int clock_gettime(int clockId, out TimeSpec time);

        /// <summary>
        /// The median wall-clock and CPU-time rates of a row's repetitions. The CPU-time rate (operations per
        /// second of process CPU time, times the thread count) hardly moves when other processes take the cores.
        /// </summary>
        public sealed class Rates
        {
            private readonly double[] _wall, _cpu;

            public Rates(int reps) { _wall = new double[reps]; _cpu = new double[reps]; }

            /// <summary>Repetition <paramref name="r"/>: <paramref name="ops"/> operations by <paramref name="threads"/> threads.</summary>
            public void Record(int r, double ops, int threads, double wallSeconds, double cpuSeconds)
            {
                _wall[r] = ops / wallSeconds;
                _cpu[r] = ops * threads / cpuSeconds;
            }

            public double Wall => Median(_wall);
            public double Cpu => Median(_cpu);
        }
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
        public static Rates Measure(Action op, double seconds, int reps)
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
            var rates = new Rates(reps);
            for (int r = 0; r < reps; r++)
            {
                GC.Collect();
                double cpu = CpuSeconds();
                var sw = Stopwatch.StartNew();
                for (long k = 0; k < iters; k++) op();
                double dt = sw.Elapsed.TotalSeconds;
                rates.Record(r, iters, 1, dt, CpuSeconds() - cpu);
            }
            return rates;
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

        /// <summary>One result row with its CPU-time rate: "&lt;row&gt; &lt;ops/s&gt; &lt;ops per CPU-second&gt;".</summary>
        public static void Row(string name, Rates rates) => Console.WriteLine(FormattableString.Invariant($"{name} {rates.Wall:0.#} {rates.Cpu:0.#}"));

        /// <summary>A diagnostic line (not a result row): bench/run shows these under "profile".</summary>
        public static void Note(string text) => Console.WriteLine("# " + text);
    }
}
