using System.Globalization;
using PSSslSession.CacheDifferential;

// dotnet run --project tests/PSSslSession.CacheDifferential -c Release -- [--count N] [--seed S] [--ops M] [--defaults]
// Runs N generated scripts (seeds S … S+N−1, M operations each) through libssl's cache and the engine, prints the
// totals and the first disagreements; exit code 1 when any script disagrees. --defaults runs the engine without
// OpenSslCompat, to see the module's deliberate differences in action (they then disagree, as documented).
int count = 2000, operations = 40, seed = Environment.TickCount & 0x7FFFFFFF;
bool compat = true;
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--count": count = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--ops": operations = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--defaults": compat = false; break;
        default:
            Console.Error.WriteLine("usage: [--count N] [--seed S] [--ops M] [--defaults]");
            return 2;
    }
}

var started = DateTime.UtcNow;
Console.WriteLine($"seeds {seed}…{seed + count - 1}, {operations} operations each{(compat ? "" : ", engine defaults")}");
var report = DifferentialRun.Run(count, seed, operations, compat);
Console.WriteLine(report.Summary());
foreach (var d in report.Disagreements.Take(5)) Console.WriteLine(d);
Console.WriteLine($"{(DateTime.UtcNow - started).TotalSeconds:F1} s");
return report.Disagreements.Count == 0 ? 0 : 1;
