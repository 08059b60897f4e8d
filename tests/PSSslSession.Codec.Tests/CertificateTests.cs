using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Codec.Tests.Der;

namespace PSSslSession.Codec.Tests;

/// <summary>The structural X.509 check behind BadPeerCertificate.</summary>
public class CertificateTests
{
    [Fact]
    public void Real_certificate_is_well_formed()
    {
        Assert.True(Certificates.IsWellFormed(Certificate));
    }

    [Fact]
    public void Certificate_with_a_byte_after_it_is_not_well_formed()
    {
        Assert.False(Certificates.IsWellFormed(Certificate.Concat(new byte[] { 0 }).ToArray()));
    }

    [Fact]
    public void Certificate_without_its_signature_is_not_well_formed()
    {
        var cert = new DerReaderProbe(Certificate);
        Assert.False(Certificates.IsWellFormed(Seq(cert.Tbs, cert.SignatureAlgorithm)));
    }

    [Fact]
    public void Certificate_whose_signature_is_not_a_bit_string_is_not_well_formed()
    {
        var cert = new DerReaderProbe(Certificate);
        Assert.False(Certificates.IsWellFormed(Seq(cert.Tbs, cert.SignatureAlgorithm, Oct("00"))));
    }

    [Fact]
    public void Reassembled_certificate_is_well_formed()
    {
        var cert = new DerReaderProbe(Certificate);
        Assert.True(Certificates.IsWellFormed(Seq(cert.Tbs, cert.SignatureAlgorithm, cert.Signature)));
    }

    [Fact]
    public void Tbs_without_subject_public_key_info_is_not_well_formed()
    {
        var cert = new DerReaderProbe(Certificate);
        var tbs = Seq(Tlv(0xA0, Int("02")), Int("01"), Seq(), Seq(), Seq(), Seq());
        Assert.False(Certificates.IsWellFormed(Seq(tbs, cert.SignatureAlgorithm, cert.Signature)));
    }

    [Fact]
    public void Session_keeps_the_certificate_bytes_unparsed_until_asked()
    {
        var s = SslSessionCodec.Decode(SslSessionCodec.Encode(Rich()));
        Assert.Equal(Certificate, s.GetPeerCertificateBytes());
        Assert.Equal("CN=codec.test", s.PeerCertificate!.Subject);
    }

    /// <summary>Splits a certificate into its three top-level elements (whole TLVs).</summary>
    private sealed class DerReaderProbe
    {
        public byte[] Tbs, SignatureAlgorithm, Signature;

        public DerReaderProbe(byte[] cert)
        {
            var reader = new System.Formats.Asn1.AsnReader(cert, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
            Tbs = reader.ReadEncodedValue().ToArray();
            SignatureAlgorithm = reader.ReadEncodedValue().ToArray();
            Signature = reader.ReadEncodedValue().ToArray();
        }
    }
}
