using PSSslSession.Interop.Tests.Infrastructure;
using Xunit;

namespace PSSslSession.Codec.Tests;

/// <summary>
/// The decoder reaches OpenSSL 3.0's verdict on every corruption of the sample sessions and of their peer certificates:
/// refuses what d2i_SSL_SESSION refuses, and re-encodes what it accepts to the bytes i2d_SSL_SESSION writes. The verdicts
/// were recorded from the live openssl by the Interop differential tests, which check the record on every run
/// (Data/openssl-verdicts.tsv, <see cref="RecordedVerdicts"/>); here they run without openssl, in milliseconds.
/// </summary>
public class OpenSslVerdictTests
{
    public static TheoryData<string, string> Sets()
    {
        var data = new TheoryData<string, string>();
        foreach (var (generator, samples) in RecordedVerdicts.Sets)
            foreach (var sample in samples) data.Add(generator, sample);
        return data;
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void The_decoder_reaches_the_recorded_openssl_verdict_on_every_corruption(string generator, string sample)
    {
        var recorded = RecordedVerdicts.Load()[RecordedVerdicts.SetName(generator, sample)];
        var mutations = RecordedVerdicts.Mutations(generator, sample);
        Assert.Equal(recorded.Select(r => r.Mutation), mutations.Select(m => m.ToString()));

        var wrong = new List<string>();
        for (int i = 0; i < mutations.Count; i++)
        {
            string ours = RecordedVerdicts.Of(OurDecoder.Judge(mutations[i].Bytes));
            if (!RecordedVerdicts.Matches(ours, recorded[i].Expected)) wrong.Add($"#{i} {mutations[i]}: {ours}, openssl: {recorded[i].Expected}");
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {mutations.Count} verdicts differ from openssl's:\n" + string.Join("\n", wrong.Take(30)));
    }
}
