using PSSslSession.Codec;
using PSSslSession.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace PSSslSession.Interop.Tests;

/// <summary>
/// Differential test of the text form against <c>openssl sess_id -text -noout</c> (SSL_SESSION_print): every
/// corrupted session from <see cref="DerMutations"/> that both decoders read must print exactly the same. The
/// corruptions turn up values real sessions never carry (odd protocol versions, other cipher codes, unknown
/// verify results, negative timeouts, flags, compression ids, ticket and id lengths), so this covers the
/// formatter's tables and edge cases with openssl as the oracle.
/// </summary>
public sealed class DifferentialTextTests(ITestOutputHelper output) : IDisposable
{
    private const int Parallelism = 4;

    private readonly TempDirectory _directory = new("pss-text");

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> AllInputs => new(SampleSessions.Files.Concat(EveryFieldSessions.Names));

    [Theory]
    [MemberData(nameof(AllInputs))]
    public async Task Our_text_of_a_corrupted_session_both_read_is_what_openssl_prints(string input)
    {
        var der = SampleSessions.Files.Contains(input) ? SampleSessions.Der(input) : SslSessionCodec.Encode(EveryFieldSessions.Build(input));
        var readable = new List<(Mutation Mutation, SslSession Session)>();
        foreach (var mutation in DerMutations.Generate(der, seed: 7 + input.Length))
        {
            var verdict = OurDecoder.Judge(mutation.Bytes);
            if (verdict.Accepted) readable.Add((mutation, verdict.Session!));
        }

        using var gate = new SemaphoreSlim(Parallelism);
        var printed = await Task.WhenAll(readable.Select(async (item, index) =>
        {
            await gate.WaitAsync();
            try
            {
                var path = _directory.File($"{index}.der");
                await File.WriteAllBytesAsync(path, item.Mutation.Bytes);
                return await OpenSslCli.RunAsync("sess_id", "-inform", "DER", "-in", path, "-text", "-noout");
            }
            finally
            {
                gate.Release();
            }
        }));

        var failures = new List<string>();
        int compared = 0;
        for (int i = 0; i < readable.Count; i++)
        {
            if (printed[i].ExitCode != 0) continue; // openssl refuses it: the verdicts are DifferentialDecodeTests' business
            compared++;
            var session = readable[i].Session;
            if (session.StartTimeUnixSeconds == OurDecoder.NowMarker)
            {
                // No start time in the input: both print "now", openssl's a moment later than ours; use its value if it is now.
                var line = printed[i].StdOut.Split('\n').Single(l => l.StartsWith("    Start Time: ", StringComparison.Ordinal));
                long theirTime = long.Parse(line["    Start Time: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                if (OurDecoder.IsNow(theirTime)) session.SetTimes(theirTime, null);
            }
            var ours = SslSessionText.Format(session, includeSecret: true);
            if (ours != printed[i].StdOut)
                failures.Add($"{readable[i].Mutation}\n--- openssl ---\n{printed[i].StdOut}--- ours ---\n{ours}" +
                             $"--- input ---\n{Convert.ToHexString(readable[i].Mutation.Bytes)}");
        }

        output.WriteLine($"{input}: {compared} corrupted sessions printed by both.");
        Assert.True(compared > 0, "no corrupted session was readable by both; the comparison did not run");
        Assert.True(failures.Count == 0, $"{failures.Count} of {compared} sessions print differently:\n\n" + string.Join("\n\n", failures.Take(5)));
    }
}
