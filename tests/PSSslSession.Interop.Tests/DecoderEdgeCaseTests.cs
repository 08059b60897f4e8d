using System.Security.Cryptography.X509Certificates;
using PSSslSession.Codec;
using PSSslSession.Interop.Tests.Infrastructure;
using Xunit;

namespace PSSslSession.Interop.Tests;

/// <summary>
/// Single crafted inputs where our decoder and <c>openssl sess_id</c> are compared on purpose: the deliberate
/// differences (trailing bytes, [20]) and the edge cases the differential test found.
/// </summary>
public sealed class DecoderEdgeCaseTests : IDisposable
{
    private readonly TempDirectory _directory = new("pss-edge");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Trailing_bytes_are_ignored_by_openssl_and_refused_by_our_default_decoder()
    {
        var der = SampleSessions.Der("tls12-session-id.pem");
        var withTrailer = der.Concat(new byte[] { 0x30, 0x00 }).ToArray();

        var openssl = await OpenSslDecoder.JudgeAsync(withTrailer, _directory.Path, "trailing");

        Assert.True(openssl.Accepted, openssl.Detail);
        var refused = Assert.Throws<SslSessionFormatException>(() => SslSessionCodec.Decode(withTrailer));
        Assert.Equal(SslSessionFormatError.TrailingData, refused.Reason);
        Assert.Equal(Convert.ToHexString(der), Convert.ToHexString(SslSessionCodec.Encode(SslSessionCodec.Decode(withTrailer, OurDecoder.AsOpenSsl30))));
    }

    [Fact]
    public async Task A_3_2_session_with_a_raw_public_key_is_refused_by_openssl_3_0_and_read_by_our_default_decoder()
    {
        // [20] peer_rpk (RFC 7250, OpenSSL 3.2+) after [19], holding the sample certificate's SubjectPublicKeyInfo.
        var der = SampleSessions.Der("tls12-ecdsa.pem");
        var root = DerNode.Parse(der);
        var certificateDer = root.Children!.Single(f => f.Tag == 0xA3).Children![0].Encode((_, _) => null);
        using var certificate = X509CertificateLoader.LoadCertificate(certificateDer);
        var spki = certificate.PublicKey.ExportSubjectPublicKeyInfo();
        var withRpk = DerNode.Tlv(0x30, root.Children!.SelectMany(f => der[f.Offset..f.End])
            .Concat(DerNode.Tlv(0xB4, DerNode.Tlv(0x04, spki))).ToArray());

        var openssl = await OpenSslDecoder.JudgeAsync(withRpk, _directory.Path, "peer-rpk");

        Assert.False(openssl.Accepted);
        Assert.Equal(Convert.ToHexString(spki), Convert.ToHexString(SslSessionCodec.Decode(withRpk).GetPeerRawPublicKey()!));
        var refused = Assert.Throws<SslSessionFormatException>(() => SslSessionCodec.Decode(withRpk, OurDecoder.AsOpenSsl30));
        Assert.Equal(SslSessionFormatError.UnexpectedField, refused.Reason);
    }

    [Fact]
    public async Task An_empty_session_id_context_with_a_long_form_length_is_refused_as_openssl_refuses_it()
    {
        // [4] sid_ctx written as A4 04 04 82 00 00 instead of A4 02 04 00. OpenSSL accepts long-form lengths with
        // leading zeros in general, but its asn1_get_length wants at least one byte after the length octets inside
        // the enclosing element, so an empty element in long form at the end of its parent is refused.
        var root = DerNode.Parse(SampleSessions.Der("tls12-session-id.pem"));
        var sidCtx = root.Children!.Single(f => f.Tag == 0xA4).Children![0];
        var crafted = root.Encode((node, _) => ReferenceEquals(node, sidCtx) ? new byte[] { 0x04, 0x82, 0x00, 0x00 } : null);

        var openssl = await OpenSslDecoder.JudgeAsync(crafted, _directory.Path, "sid-ctx-long-form");

        Assert.Contains("header too long", openssl.Detail);
        var refused = Assert.Throws<SslSessionFormatException>(() => SslSessionCodec.Decode(crafted, OurDecoder.AsOpenSsl30));
        Assert.Equal(SslSessionFormatError.Malformed, refused.Reason);
    }

    [Theory]
    [InlineData("Certificate")]
    [InlineData("signatureAlgorithm")]
    public async Task A_certificate_part_with_a_non_minimal_length_is_refused_or_reencoded_as_openssl_does(string part)
    {
        // The Certificate SEQUENCE in [3] written as 30 83 00 03 09 … instead of 30 82 03 09 …, or its signatureAlgorithm
        // as 30 83 00 00 0D … instead of 30 0D …. OpenSSL accepts both, and i2d_X509 writes these parts back in minimal
        // DER (it keeps only tbsCertificate's bytes as received). What we write must not keep the non-DER header either.
        var root = DerNode.Parse(SampleSessions.Der("tls12-session-id.pem"));
        var certificate = root.Children!.Single(f => f.Tag == 0xA3).Children![0];
        var target = part == "Certificate" ? certificate : certificate.Children![1];
        var crafted = root.Encode((node, content) => ReferenceEquals(node, target)
            ? new byte[] { 0x30, 0x83, 0x00, (byte)(content.Length >> 8), (byte)content.Length }.Concat(content).ToArray()
            : null);

        var openssl = await OpenSslDecoder.JudgeAsync(crafted, _directory.Path, "non-minimal-" + part);

        Assert.True(openssl.Accepted, openssl.Detail);
        var ours = OurDecoder.Judge(crafted);
        if (ours.Accepted)
            Assert.Equal(Convert.ToHexString(openssl.Reencoded!), Convert.ToHexString(ours.Reencoded!));
    }
}
