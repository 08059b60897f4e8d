using System;
using System.Globalization;

namespace PSSslSession.Benchmarks
{
    /// <summary>
    /// Entry point; the same commands and arguments as bench/native/sessbench.c, so bench/run can
    /// call both sides alike and join their rows by name.
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            string command = args.Length > 0 ? args[0] : "";
            switch (command)
            {
                case "cache" when args.Length == 5 || args.Length == 6:
                    new CacheBenchmarks(new SessionFactory(args[1], long.Parse(args[4])), ulong.Parse(args[2]), int.Parse(args[3]))
                        .Run(args.Length == 6 ? args[5] : "all");
                    return 0;
                case "codec" when args.Length == 4:
                    CodecBenchmarks.Run(args[1], double.Parse(args[2]), int.Parse(args[3]));
                    return 0;
                case "memory" when args.Length == 5:
                    MemoryBenchmark.Run(args[1], new SessionFactory(args[2], long.Parse(args[4])), ulong.Parse(args[3]));
                    return 0;
                case "profile-codec" when args.Length >= 2:
                    Profile.Codec(args[1..]);
                    return 0;
                case "profile" when args.Length == 4:
                    new Profile(new SessionFactory(args[1], long.Parse(args[3])), int.Parse(args[2])).Run();
                    return 0;
                default:
                    Console.Error.WriteLine("usage: PSSslSession.Benchmarks cache <template.der> <n> <reps> <t0> [lookup|add|flush]");
                    Console.Error.WriteLine("       PSSslSession.Benchmarks codec <data-dir> <seconds-per-rep> <reps>");
                    Console.Error.WriteLine("       PSSslSession.Benchmarks memory <row-name> <template.der> <n> <t0>");
                    Console.Error.WriteLine("       PSSslSession.Benchmarks profile <template.der> <n> <t0>");
                    return 2;
            }
        }
    }
}
