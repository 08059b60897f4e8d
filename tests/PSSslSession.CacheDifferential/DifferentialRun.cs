using System.Text;

namespace PSSslSession.CacheDifferential;

/// <summary>Where the engine's trace first differs from libssl's for one script.</summary>
public sealed record Disagreement(Script Script, int Operation, string Command, string Libssl, string Engine)
{
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"script {Script.Name}, operation {Operation + 1} ({Command}):");
        text.AppendLine($"  libssl: {Libssl}");
        text.AppendLine($"  engine: {Engine}");
        text.Append("  script: ").Append(string.Join("; ", Script.Commands.Take(Operation + 1)));
        return text.ToString();
    }
}

/// <summary>What a differential run did and found.</summary>
public sealed class DifferentialReport
{
    public int Scripts { get; init; }
    public int Operations { get; init; }
    public IReadOnlyList<Disagreement> Disagreements { get; init; } = Array.Empty<Disagreement>();

    /// <summary>How many events each deliberate difference set aside.</summary>
    public IReadOnlyDictionary<string, int> DeliberateDifferencesApplied { get; init; } = new Dictionary<string, int>();

    public string Summary()
    {
        var text = new StringBuilder();
        text.Append($"{Scripts} scripts, {Operations} operations: {Scripts - Disagreements.Count} agree, {Disagreements.Count} disagree");
        var applied = string.Join(", ", DeliberateDifferences.Names.Select(n => $"{n} {(DeliberateDifferencesApplied.TryGetValue(n, out int c) ? c : 0)}"));
        text.Append($"; deliberate differences set aside: {applied}");
        return text.ToString();
    }
}

/// <summary>Runs generated scripts through libssl and the engine and compares the traces after every operation.</summary>
public static class DifferentialRun
{
    /// <summary>Scripts <paramref name="firstSeed"/> … <paramref name="firstSeed"/> + count − 1.</summary>
    public static DifferentialReport Run(int count, int firstSeed, int operations, bool openSslCompat = true) =>
        Compare(Enumerable.Range(0, count).Select(i => ScriptGenerator.Generate(unchecked(firstSeed + i), operations)).ToList(), openSslCompat);

    /// <summary>Compares the given scripts.</summary>
    public static DifferentialReport Compare(IReadOnlyList<Script> scripts, bool openSslCompat = true)
    {
        var libssl = NativeDriver.Run(scripts);
        var applied = new Dictionary<string, int>();
        var disagreements = new List<Disagreement>();
        int operations = 0;
        foreach (var script in scripts)
        {
            var expected = libssl[script.Name];
            var actual = EngineRunner.Run(script, openSslCompat);
            operations += script.Commands.Count;
            for (int i = 0; i < script.Commands.Count; i++)
            {
                string want = i < expected.Count ? DeliberateDifferences.Apply(expected[i], applied) : "(no line)";
                if (want != actual[i])
                {
                    disagreements.Add(new Disagreement(script, i, script.Commands[i], want, actual[i]));
                    break;
                }
            }
        }
        return new DifferentialReport
        {
            Scripts = scripts.Count,
            Operations = operations,
            Disagreements = disagreements,
            DeliberateDifferencesApplied = applied,
        };
    }
}
