using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Codec.Tests.Der;

namespace PSSslSession.Codec.Tests;

/// <summary>§A.3: what d2i_SSL_SESSION refuses, one rule per test.</summary>
public class DecodeRejectionTests
{
    private static SslSessionFormatException Rejects(byte[] der, SslSessionFormatError reason, SslSessionDecodeOptions? options = null)
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionCodec.Decode(der, options));
        Assert.Equal(reason, e.Reason);
        return e;
    }

    [Fact]
    public void Empty_input_is_refused_as_empty()
    {
        Rejects(Array.Empty<byte>(), SslSessionFormatError.Empty);
    }

    [Fact]
    public void Input_that_is_not_a_sequence_is_malformed()
    {
        Rejects(Oct("3000"), SslSessionFormatError.Malformed);
    }

    [Fact]
    public void Length_beyond_the_input_is_malformed()
    {
        var der = Session();
        Rejects(der.Take(der.Length - 1).ToArray(), SslSessionFormatError.Malformed);
    }

    [Fact]
    public void Length_claiming_4_gib_is_malformed()
    {
        Rejects(H("3084FFFFFFFF 020101"), SslSessionFormatError.Malformed);
    }

    [Fact]
    public void Empty_element_in_long_form_at_the_end_of_its_parent_is_malformed_as_in_openssl()
    {
        Rejects(Session(Tlv(0xA4, H("048200 00"))), SslSessionFormatError.Malformed);
    }

    [Fact]
    public void End_of_contents_inside_a_constructed_octet_string_is_malformed()
    {
        Rejects(Session(Exp(6, Tlv(0x24, Oct("61"), H("0000")))), SslSessionFormatError.Malformed);
    }

    [Fact]
    public void Indefinite_length_is_malformed()
    {
        Rejects(H("3080 020101 0000"), SslSessionFormatError.Malformed);
    }

    [Fact]
    public void Missing_master_key_is_malformed()
    {
        Rejects(Seq(Int("01"), Int("0304"), Oct("1301"), Oct("")), SslSessionFormatError.Malformed);
    }

    [Fact]
    public void Mandatory_field_with_the_wrong_tag_is_malformed()
    {
        Rejects(WithHead(3, Int("01")), SslSessionFormatError.Malformed);
    }

    [Fact]
    public void Version_other_than_1_is_unknown_ssl_version()
    {
        Rejects(WithHead(0, Int("02")), SslSessionFormatError.UnknownSslVersion);
    }

    [Fact]
    public void Sslv2_protocol_number_is_unsupported_ssl_version()
    {
        Rejects(WithHead(1, Int("02")), SslSessionFormatError.UnsupportedSslVersion);
    }

    [Fact]
    public void Cipher_of_three_bytes_is_cipher_code_wrong_length()
    {
        var e = Rejects(WithHead(2, Oct("010080")), SslSessionFormatError.CipherCodeWrongLength);
        Assert.Contains("cipher", e.Message);
        Assert.Contains("3 bytes", e.Message);
    }

    [Fact]
    public void Cipher_missing_from_openssl_3_table_is_unknown_cipher()
    {
        Rejects(WithHead(2, Oct("0005")), SslSessionFormatError.UnknownCipher);
    }

    [Fact]
    public void Session_id_of_33_bytes_is_too_long()
    {
        Rejects(WithHead(3, Oct(new byte[33])), SslSessionFormatError.SessionIdTooLong);
    }

    [Fact]
    public void Master_key_of_513_bytes_is_too_long()
    {
        Rejects(WithHead(4, Oct(new byte[513])), SslSessionFormatError.MasterKeyTooLong);
    }

    [Fact]
    public void Session_id_context_of_33_bytes_is_too_long()
    {
        Rejects(Session(Exp(4, Oct(new byte[33]))), SslSessionFormatError.SessionIdContextTooLong);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0101")]
    public void Compression_id_not_one_byte_is_bad_compression_length(string hex)
    {
        Rejects(Session(Exp(11, Oct(hex))), SslSessionFormatError.BadCompressionLength);
    }

    [Fact]
    public void Peer_certificate_that_is_not_a_certificate_is_bad_peer_certificate()
    {
        Rejects(Session(Exp(3, Seq(Int("01")))), SslSessionFormatError.BadPeerCertificate);
    }

    [Fact]
    public void Fields_out_of_order_are_unexpected()
    {
        Rejects(Session(Exp(5, Int("01")), Exp(4, Oct(""))), SslSessionFormatError.UnexpectedField);
    }

    [Fact]
    public void Repeated_field_is_unexpected()
    {
        Rejects(Session(Exp(6, Oct("61")), Exp(6, Oct("62"))), SslSessionFormatError.UnexpectedField);
    }

    [Fact]
    public void Field_21_after_the_last_known_field_is_unexpected()
    {
        Rejects(Session(Exp(19, Int("00")), Tlv(0xB5, Oct(""))), SslSessionFormatError.UnexpectedField);
    }

    [Fact]
    public void Universal_element_after_master_key_is_unexpected()
    {
        Rejects(Session(Oct("00")), SslSessionFormatError.UnexpectedField);
    }

    [Fact]
    public void Peer_raw_public_key_is_unexpected_when_not_allowed()
    {
        var e = Rejects(Session(Exp(19, Int("00")), Exp(20, Oct("3000"))), SslSessionFormatError.UnexpectedField,
            new SslSessionDecodeOptions { AllowPeerRawPublicKey = false });
        Assert.Contains("[20] peer_rpk", e.Message);
    }

    [Fact]
    public void Bytes_after_the_sequence_are_trailing_data()
    {
        var e = Rejects(Session().Concat(new byte[] { 0 }).ToArray(), SslSessionFormatError.TrailingData);
        Assert.Equal(Session().Length, e.Offset);
    }

    [Fact]
    public void Non_minimal_integer_is_malformed()
    {
        Rejects(Session(Exp(5, Int("0001"))), SslSessionFormatError.Malformed);
    }

    [Fact]
    public void Non_minimal_negative_integer_is_malformed()
    {
        Rejects(Session(Exp(2, Int("FFFF"))), SslSessionFormatError.Malformed);
    }

    [Fact]
    public void Negative_value_in_an_unsigned_field_is_malformed()
    {
        Rejects(Session(Exp(14, Int("FF"))), SslSessionFormatError.Malformed);
    }

    [Fact]
    public void Value_above_32_bits_in_a_uint32_field_is_malformed()
    {
        Rejects(Session(Exp(15, Int("0100000000"))), SslSessionFormatError.Malformed);
    }

    [Fact]
    public void Value_above_int32_in_verify_result_is_malformed()
    {
        Rejects(Session(Exp(5, Int("0080000000"))), SslSessionFormatError.Malformed);
    }

    [Fact]
    public void Integer_longer_than_8_bytes_in_time_is_malformed()
    {
        Rejects(Session(Exp(1, Int("010000000000000000"))), SslSessionFormatError.Malformed);
    }

    [Fact]
    public void Two_elements_inside_an_explicit_tag_are_malformed()
    {
        Rejects(Session(Exp(6, Oct("61").Concat(Oct("62")).ToArray())), SslSessionFormatError.Malformed);
    }

    [Fact]
    public void Wrong_type_inside_an_explicit_tag_is_malformed()
    {
        Rejects(Session(Exp(1, Oct("01"))), SslSessionFormatError.Malformed);
    }

    [Fact]
    public void Error_offset_points_at_the_offending_field()
    {
        var der = Session(Exp(11, Oct("0101")));
        var e = Rejects(der, SslSessionFormatError.BadCompressionLength);
        Assert.Equal(0xAB, der[(int)e.Offset!.Value]);
    }
}
