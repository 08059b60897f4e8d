using System.Security.Cryptography;
using System.Text;

namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>
/// OpenSSL 3.0's verdicts on the corruptions of the committed sample sessions, kept in
/// tests/PSSslSession.Codec.Tests/Data/openssl-verdicts.tsv so that the Codec unit tests hold the decoder to them without
/// running openssl (fast enough for mutation testing). The Interop differential tests compare the file with the live openssl
/// on every run; with PSSSLSESSION_RECORD_VERDICTS=1 they rewrite their lines instead.
/// One line per corruption: set, index, the corruption, and the verdict the codec must reach: "reject", "accept SHA-256
/// prefix of the re-encoding", "accept, start time now" (no start time in the input, so the re-encoding holds the clock),
/// or a deliberate difference from openssl, named.
/// </summary>
public static class RecordedVerdicts
{
    public static string FilePath => Path.Combine(RepositoryPaths.Root, "tests", "PSSslSession.Codec.Tests", "Data", "openssl-verdicts.tsv");

    public static bool Recording => Environment.GetEnvironmentVariable("PSSSLSESSION_RECORD_VERDICTS") == "1";

    private const string Header = "# OpenSSL 3.0 verdicts on corrupted sample sessions (see RecordedVerdicts.cs). Regenerate: PSSSLSESSION_RECORD_VERDICTS=1 dotnet test tests/PSSslSession.Interop.Tests --filter Differential";

    private static readonly object FileLock = new();

    /// <summary>The set of corruptions <paramref name="generator"/> makes of the sample <paramref name="sample"/>.</summary>
    public static string SetName(string generator, string sample) => $"{generator}:{sample}";

    /// <summary>The generators of recorded corruptions and the samples each corrupts.</summary>
    public static readonly (string Generator, string[] Samples)[] Sets =
    {
        ("session", SampleSessions.Files),
        ("certificate", new[] { "tls12-session-id.pem", "tls12-ecdsa.pem" }),
    };

    /// <summary>The corruptions of one set, as both the Interop and the Codec tests generate them.</summary>
    public static IReadOnlyList<Mutation> Mutations(string generator, string sample) => generator switch
    {
        "session" => DerMutations.Generate(SampleSessions.Der(sample), SessionSeed + Array.IndexOf(SampleSessions.Files, sample)),
        "certificate" => CertificateMutations.Generate(SampleSessions.Der(sample)),
        _ => throw new ArgumentException($"no generator {generator}", nameof(generator)),
    };

    /// <summary>The seed of <see cref="DerMutations"/> for the first sample; the others count up from it.</summary>
    public const int SessionSeed = 20261122;

    /// <summary>What our decoder made of an input, in the file's words.</summary>
    public static string Of(DecodeVerdict ours) =>
        !ours.Accepted ? "reject" : ours.StartTimeDefaulted ? "accept, start time now" : "accept " + Digest(ours.Reencoded!);

    /// <summary>The verdict our decoder must reach: openssl's, unless a deliberate difference applies.</summary>
    public static string Expected(DecodeVerdict ours, DecodeVerdict theirs, string? deliberateDifference) =>
        deliberateDifference != null ? $"{Of(ours)} (deliberate difference: {deliberateDifference})"
        : !theirs.Accepted ? "reject"
        : ours.Accepted && ours.StartTimeDefaulted ? "accept, start time now"
        : "accept " + Digest(theirs.Reencoded!);

    /// <summary>Whether <paramref name="actual"/> (from <see cref="Of"/>) is the recorded <paramref name="expected"/>.</summary>
    public static bool Matches(string actual, string expected)
    {
        int note = expected.IndexOf(" (deliberate difference:", StringComparison.Ordinal);
        return actual == (note < 0 ? expected : expected[..note]);
    }

    private static string Digest(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes))[..24].ToLowerInvariant();

    /// <summary>The recorded lines of every set: corruption description and expected verdict, in generation order.</summary>
    public static IReadOnlyDictionary<string, List<(string Mutation, string Expected)>> Load()
    {
        var sets = new SortedDictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        if (!File.Exists(FilePath)) return sets;
        foreach (var line in File.ReadLines(FilePath))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var parts = line.Split('\t');
            if (!sets.TryGetValue(parts[0], out var list)) sets[parts[0]] = list = new List<(string, string)>();
            list.Add((parts[2], parts[3]));
        }
        return sets;
    }

    /// <summary>Differences between the live verdicts of a set and the recorded ones; when recording, writes them instead.</summary>
    public static IReadOnlyList<string> Compare(string set, IReadOnlyList<Mutation> mutations, IReadOnlyList<string> expected)
    {
        var lines = mutations.Select((m, i) => (m.ToString(), expected[i])).ToList();
        lock (FileLock)
        {
            var sets = Load().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            if (Recording)
            {
                sets[set] = lines;
                var text = new StringBuilder(Header).Append('\n');
                foreach (var (name, list) in sets.OrderBy(p => p.Key, StringComparer.Ordinal))
                    for (int i = 0; i < list.Count; i++) text.Append($"{name}\t{i}\t{list[i].Mutation}\t{list[i].Expected}\n");
                File.WriteAllText(FilePath, text.ToString());
                return Array.Empty<string>();
            }
            if (!sets.TryGetValue(set, out var recorded)) return new[] { $"{set} is not recorded in {FilePath}" };
            var differences = new List<string>();
            if (recorded.Count != lines.Count) differences.Add($"{set}: {lines.Count} corruptions now, {recorded.Count} recorded");
            for (int i = 0; i < Math.Min(recorded.Count, lines.Count); i++)
                if (recorded[i] != lines[i]) differences.Add($"{set} #{i}: now {lines[i].Item1} -> {lines[i].Item2}; recorded {recorded[i].Mutation} -> {recorded[i].Expected}");
            return differences;
        }
    }
}
