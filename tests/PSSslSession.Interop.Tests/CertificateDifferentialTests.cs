using PSSslSession.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace PSSslSession.Interop.Tests;

/// <summary>
/// Differential test of the peer-certificate rules against <c>openssl sess_id</c>: d2i_SSL_SESSION parses [3] with
/// d2i_X509 and i2d_SSL_SESSION writes it back with i2d_X509. Each structure-aware corruption of the certificate
/// (<see cref="CertificateMutations"/>) must be accepted or refused as openssl does, and what both accept must re-encode
/// to the same bytes. The verdicts are also those recorded for the Codec unit tests (<see cref="RecordedVerdicts"/>).
/// </summary>
public sealed class CertificateDifferentialTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _directory = new("pss-cert-differential");

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> Samples => new(RecordedVerdicts.Sets.Single(s => s.Generator == "certificate").Samples);

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Our_decoder_accepts_exactly_the_certificate_corruptions_openssl_accepts(string sample)
    {
        var mutations = RecordedVerdicts.Mutations("certificate", sample);

        var failures = await DecodeDifferential.RunAsync(sample, SampleSessions.Der(sample), mutations, _directory.Path, output,
                                                         RecordedVerdicts.SetName("certificate", sample));
        Assert.True(failures.Count == 0, $"{failures.Count} of {mutations.Count} certificate corruptions of {sample} are judged differently:\n\n" +
                                         string.Join("\n\n", failures.Take(20)));
    }
}
