using System.Text;
using PSSslSession.Codec;
using PSSslSession.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace PSSslSession.Interop.Tests;

/// <summary>
/// Differential test of the decoder against <c>openssl sess_id -inform DER</c> (d2i_SSL_SESSION): a few
/// hundred deterministic corruptions of each session must get the same accept/reject verdict from both,
/// and what both accept must re-encode to the same bytes. The inputs are the committed real sessions
/// (made by openssl s_client, samples/make-samples.sh) and the hand-built sessions that use every field,
/// so every run tries the same corruptions and a failure can be replayed from its hex. Our side decodes
/// with <see cref="OurDecoder.AsOpenSsl30"/> (trailing bytes allowed, [20] refused), as 3.0's sess_id does.
/// Deliberate differences are in <see cref="KnownDifferences"/>, each with its reason; any other
/// difference fails the test with the corrupted input's hex.
/// </summary>
public sealed class DifferentialDecodeTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _directory = new("pss-differential");

    public void Dispose() => _directory.Dispose();

    private sealed record KnownDifference(string Name, string Reason, Func<Mutation, DecodeVerdict, DecodeVerdict, bool> Applies);

    /// <summary>
    /// Deliberate disagreements with OpenSSL 3.0's decoder: which corruptions each covers (given the corruption,
    /// our verdict and openssl's) and why we differ.
    /// </summary>
    private static readonly KnownDifference[] KnownDifferences =
    {
        new("indefinite lengths",
            "OpenSSL's template decoder is BER-tolerant and takes an indefinite length (0x80) closed by end-of-contents. " +
            "Our codec refuses it as Malformed: i2d_SSL_SESSION never writes one, and such input could not come back " +
            "byte-identical (SPEC §4; documented on SslSessionCodec).",
            (m, ours, theirs) => !ours.Accepted && theirs.Accepted && m.Class == DerMutations.LengthIndefinite),
    };

    private static readonly string[] Inputs = SampleSessions.Files.Concat(EveryFieldSessions.Names).ToArray();

    public static TheoryData<string> AllInputs => new(Inputs);

    private static byte[] DerOf(string input) =>
        SampleSessions.Files.Contains(input) ? SampleSessions.Der(input) : SslSessionCodec.Encode(EveryFieldSessions.Build(input));

    [Theory]
    [MemberData(nameof(AllInputs))]
    public async Task Our_decoder_accepts_exactly_the_corrupted_sessions_openssl_accepts(string input)
    {
        var der = DerOf(input);
        var mutations = DerMutations.Generate(der, seed: 20261122 + Array.IndexOf(Inputs, input));

        var theirs = await OpenSslDecoder.JudgeAllAsync(mutations.Select(m => m.Bytes).ToList(), _directory.Path);
        var failures = new List<string>();
        var known = new List<(string Name, Mutation Mutation)>();
        int bothAccept = 0;
        for (int i = 0; i < mutations.Count; i++)
        {
            var ours = OurDecoder.Judge(mutations[i].Bytes);
            if (ours.Accepted && theirs[i].Accepted) bothAccept++;
            var disagreement = ours.DisagreementWith(theirs[i]);
            if (disagreement == null) continue;
            var difference = KnownDifferences.FirstOrDefault(k => k.Applies(mutations[i], ours, theirs[i]));
            if (difference != null) known.Add((difference.Name, mutations[i]));
            else failures.Add(Report(mutations[i], disagreement, ours, theirs[i]));
        }

        output.WriteLine($"{input}: {mutations.Count} corruptions of {der.Length} bytes; both accept {bothAccept}; " +
                         $"known differences {known.Count}; unexplained {failures.Count}.");
        foreach (var group in mutations.GroupBy(m => m.Class)) output.WriteLine($"  {group.Key}: {group.Count()}");
        foreach (var (name, mutation) in known) output.WriteLine($"  known difference ({name}): {mutation}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {mutations.Count} corruptions of {input} are judged differently:\n\n" +
                                         string.Join("\n\n", failures.Take(20)));
    }

    private static string Report(Mutation mutation, string disagreement, DecodeVerdict ours, DecodeVerdict theirs)
    {
        var text = new StringBuilder();
        text.Append($"{disagreement}: {mutation}\n");
        text.Append($"  ours:    {ours.Detail}\n");
        text.Append($"  openssl: {theirs.Detail}\n");
        if (ours.Reencoded != null && theirs.Reencoded != null)
        {
            text.Append($"  ours re-encoded:    {Convert.ToHexString(ours.Reencoded)}\n");
            text.Append($"  openssl re-encoded: {Convert.ToHexString(theirs.Reencoded)}\n");
        }
        text.Append($"  input: {Convert.ToHexString(mutation.Bytes)}");
        return text.ToString();
    }
}
