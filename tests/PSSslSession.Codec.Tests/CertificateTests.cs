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

    /// <summary>The test certificate with tbsCertificate element <paramref name="index"/> replaced (or appended at the end).</summary>
    private static byte[] WithTbs(int index, byte[] element, byte[]? signatureAlgorithm = null, byte[]? signature = null)
    {
        var cert = new DerReaderProbe(Certificate);
        var reader = new System.Formats.Asn1.AsnReader(cert.Tbs, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        var parts = new List<byte[]>();
        while (reader.HasData) parts.Add(reader.ReadEncodedValue().ToArray());
        if (index == parts.Count) parts.Add(element); else parts[index] = element;
        return Seq(Seq(parts.ToArray()), signatureAlgorithm ?? cert.SignatureAlgorithm, signature ?? cert.Signature);
    }

    private const int Serial = 1, SignatureAlgorithm = 2, Subject = 5;

    private static byte[] NameWith(byte[] value) => Seq(Tlv(0x31, Seq(Tlv(0x06, H("550403")), value)));

    [Fact]
    public void Name_in_primitive_sequence_form_is_accepted_as_openssl_does()
    {
        var name = NameWith(Tlv(0x0C, H("61")));
        name[0] = 0x10;
        Assert.True(Certificates.IsWellFormed(WithTbs(Subject, name)));
    }

    [Fact]
    public void Name_value_with_invalid_utf8_is_refused()
    {
        Assert.False(Certificates.IsWellFormed(WithTbs(Subject, NameWith(Tlv(0x0C, H("C0AF"))))));
    }

    [Fact]
    public void Name_value_with_a_context_tag_is_refused()
    {
        Assert.False(Certificates.IsWellFormed(WithTbs(Subject, NameWith(Tlv(0x80, H("61"))))));
    }

    [Fact]
    public void Serial_with_illegal_padding_is_refused()
    {
        Assert.False(Certificates.IsWellFormed(WithTbs(Serial, Int("0001"))));
    }

    [Fact]
    public void Object_identifier_starting_with_0x80_is_refused()
    {
        Assert.False(Certificates.IsWellFormed(WithTbs(SignatureAlgorithm, Seq(Tlv(0x06, H("8001"))))));
    }

    [Fact]
    public void Constructed_oid_in_algorithm_parameters_is_refused()
    {
        Assert.False(Certificates.IsWellFormed(WithTbs(SignatureAlgorithm, Seq(Tlv(0x06, H("2a03")), Tlv(0x26, Tlv(0x06, H("2a03")))))));
    }

    [Fact]
    public void Bit_string_with_more_than_7_unused_bits_is_refused()
    {
        var cert = new DerReaderProbe(Certificate);
        Assert.False(Certificates.IsWellFormed(Seq(cert.Tbs, cert.SignatureAlgorithm, Tlv(0x03, H("0800")))));
    }

    [Fact]
    public void Constructed_octet_string_extension_value_is_accepted_as_openssl_does()
    {
        var extensions = Tlv(0xA3, Seq(Seq(Tlv(0x06, H("551d0e")), Tlv(0x24, Oct("0102")))));
        Assert.True(Certificates.IsWellFormed(WithTbs(7, extensions)));
    }

    [Fact]
    public void Extension_with_a_two_byte_boolean_is_refused()
    {
        var extensions = Tlv(0xA3, Seq(Seq(Tlv(0x06, H("551d0e")), Tlv(0x01, H("FFFF")), Oct("0102"))));
        Assert.False(Certificates.IsWellFormed(WithTbs(7, extensions)));
    }

    private static byte[] LongForm(byte tag, byte[] content) =>
        new byte[] { tag, 0x83, 0x00, (byte)(content.Length >> 8), (byte)content.Length }.Concat(content).ToArray();

    private static byte[] ContentOf(byte[] tlv) =>
        new System.Formats.Asn1.AsnReader(tlv, System.Formats.Asn1.AsnEncodingRules.BER).ReadEncodedValue().ToArray()
            .Skip(tlv[1] < 0x80 ? 2 : 2 + (tlv[1] & 0x7F)).ToArray();

    private static SslSession DecodeWithPeer(byte[] cert) => SslSessionCodec.Decode(Session(Exp(3, cert)));

    [Fact]
    public void Certificate_with_a_non_minimal_outer_length_is_written_back_minimal()
    {
        var cert = new DerReaderProbe(Certificate);
        var loose = LongForm(0x30, cert.Tbs.Concat(cert.SignatureAlgorithm).Concat(cert.Signature).ToArray());
        Assert.Equal(Certificate, DecodeWithPeer(loose).GetPeerCertificateBytes());
    }

    [Fact]
    public void Signature_algorithm_with_a_non_minimal_length_is_written_back_minimal()
    {
        var cert = new DerReaderProbe(Certificate);
        var loose = Seq(cert.Tbs, LongForm(0x30, ContentOf(cert.SignatureAlgorithm)), cert.Signature);
        Assert.Equal(Certificate, DecodeWithPeer(loose).GetPeerCertificateBytes());
    }

    [Fact]
    public void Tbs_certificate_is_kept_exactly_as_received()
    {
        var cert = new DerReaderProbe(Certificate);
        var looseTbs = LongForm(0x30, ContentOf(cert.Tbs));
        var received = Seq(looseTbs, cert.SignatureAlgorithm, cert.Signature);
        Assert.Equal(received, DecodeWithPeer(received).GetPeerCertificateBytes());
    }

    [Fact]
    public void Unused_bits_of_the_signature_are_cleared_as_i2d_does()
    {
        var cert = new DerReaderProbe(Certificate);
        var received = Seq(cert.Tbs, cert.SignatureAlgorithm, Tlv(0x03, H("04 AB CF")));
        Assert.Equal(X(Seq(cert.Tbs, cert.SignatureAlgorithm, Tlv(0x03, H("04 AB C0")))), X(DecodeWithPeer(received).GetPeerCertificateBytes()!));
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
