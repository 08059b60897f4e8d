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
/// Deliberate differences are in <see cref="DecodeDifferential.KnownDifferences"/>, each with its reason; any other
/// difference fails the test with the corrupted input's hex.
/// </summary>
public sealed class DifferentialDecodeTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _directory = new("pss-differential");

    public void Dispose() => _directory.Dispose();

    private static readonly string[] Inputs = SampleSessions.Files.Concat(EveryFieldSessions.Names).ToArray();

    public static TheoryData<string> AllInputs => new(Inputs);

    private static byte[] DerOf(string input) =>
        SampleSessions.Files.Contains(input) ? SampleSessions.Der(input) : SslSessionCodec.Encode(EveryFieldSessions.Build(input));

    [Theory]
    [MemberData(nameof(AllInputs))]
    public async Task Our_decoder_accepts_exactly_the_corrupted_sessions_openssl_accepts(string input)
    {
        var der = DerOf(input);
        var mutations = DerMutations.Generate(der, seed: RecordedVerdicts.SessionSeed + Array.IndexOf(Inputs, input));

        var failures = await DecodeDifferential.RunAsync(input, der, mutations, _directory.Path, output,
            SampleSessions.Files.Contains(input) ? RecordedVerdicts.SetName("session", input) : null);
        Assert.True(failures.Count == 0, $"{failures.Count} of {mutations.Count} corruptions of {input} are judged differently:\n\n" +
                                         string.Join("\n\n", failures.Take(20)));
    }
}
