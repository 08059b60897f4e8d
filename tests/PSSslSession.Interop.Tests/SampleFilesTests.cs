using PSSslSession.Codec;
using PSSslSession.Interop.Tests.Infrastructure;
using Xunit;

namespace PSSslSession.Interop.Tests;

/// <summary>The committed samples/ (made by samples/make-samples.sh with openssl) stay readable and consistent.</summary>
public sealed class SampleFilesTests
{
    private static string Sample(string name) => SampleSessions.PathOf(name);

    [Theory]
    [MemberData(nameof(SampleSessions.All), MemberType = typeof(SampleSessions))]
    public void A_sample_session_reencodes_to_the_bytes_of_its_file(string name)
    {
        var text = File.ReadAllText(Sample(name));

        var session = Assert.Single(SslSessionPem.ReadAll(text));

        Assert.Equal(Convert.ToHexString(SampleSessions.Der(name)), Convert.ToHexString(SslSessionCodec.Encode(session)));
    }

    [Theory]
    [MemberData(nameof(SampleSessions.All), MemberType = typeof(SampleSessions))]
    public void Our_PEM_of_a_sample_session_is_the_sample_file(string name)
    {
        var text = File.ReadAllText(Sample(name));

        Assert.Equal(text, SslSessionPem.Write(SslSessionPem.ReadAll(text).Single()));
    }

    [Fact]
    public void The_bundle_holds_the_four_sample_sessions_in_order()
    {
        var bundle = SslSessionPem.ReadAll(File.ReadAllText(Sample("all.pem")));

        Assert.Equal(
            SampleSessions.Files.Select(n => Convert.ToHexString(SampleSessions.Der(n))),
            bundle.Select(s => Convert.ToHexString(SslSessionCodec.Encode(s))));
    }

    [Fact]
    public void The_DER_sample_is_the_TLS_1_2_session_id_sample()
    {
        var der = File.ReadAllBytes(Sample("tls12-session-id.der"));

        var session = SslSessionCodec.Decode(der);

        Assert.Equal(Convert.ToHexString(SampleSessions.Der("tls12-session-id.pem")), Convert.ToHexString(SslSessionCodec.Encode(session)));
    }

    [Fact]
    public void The_samples_README_shows_our_text_of_the_TLS_1_2_session_id_sample()
    {
        var session = SslSessionPem.ReadAll(File.ReadAllText(Sample("tls12-session-id.pem"))).Single();

        Assert.Contains("```\n" + SslSessionText.Format(session, includeSecret: true) + "```\n", File.ReadAllText(Sample("README.md")));
    }
}
