using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Codec.Tests.Der;

namespace PSSslSession.Codec.Tests;

/// <summary>
/// What a refused session says: the reason, the message (which field, what was found, what is required)
/// and the offset. In <see cref="Der.Session"/> the head takes offsets 2..16 (version at 2, ssl_version at 5,
/// cipher at 9, session_id at 13, master_key at 15), so the first optional field starts at 17.
/// </summary>
public class DecodeErrorMessageTests
{
    internal const int FirstField = 17;
    /// <summary>Content of the INTEGER inside the first optional field: [n] at 17, 02 at 19, value at 21.</summary>
    private const int FirstFieldInteger = 21;

    internal static SslSessionFormatException Refuses(byte[] der, SslSessionFormatError reason, string message, long? offset, SslSessionDecodeOptions? options = null)
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionCodec.Decode(der, options));
        Assert.Equal(reason, e.Reason);
        Assert.Equal(message, e.Message);
        Assert.Equal(offset, e.Offset);
        return e;
    }

    // ---- the session as a whole ----

    [Fact]
    public void Empty_input_says_a_sequence_is_required_at_offset_0()
    {
        Refuses(Array.Empty<byte>(), SslSessionFormatError.Empty, "session: the input is empty; a DER SEQUENCE (0x30) is required.", 0);
    }

    [Fact]
    public void Input_that_is_not_a_sequence_names_the_tag_found_at_offset_0()
    {
        Refuses(Oct("3000"), SslSessionFormatError.Malformed, "session: found tag 0x04; a session is a DER SEQUENCE (0x30).", 0);
    }

    [Fact]
    public void Trailing_data_message_counts_the_bytes_after_the_sequence()
    {
        var der = Session();
        Refuses(der.Concat(new byte[] { 0, 0 }).ToArray(), SslSessionFormatError.TrailingData,
            "session: 2 bytes follow the SEQUENCE; one DER session and nothing after it is allowed (set AllowTrailingData to ignore them, as openssl sess_id does).",
            der.Length);
    }

    // ---- every field's name ----

    [Theory]
    [InlineData(0x80, "[0] key_arg")]
    [InlineData(0xA1, "[1] time")]
    [InlineData(0xA2, "[2] timeout")]
    [InlineData(0xA3, "[3] peer certificate")]
    [InlineData(0xA4, "[4] session_id_context")]
    [InlineData(0xA5, "[5] verify_result")]
    [InlineData(0xA6, "[6] hostname")]
    [InlineData(0xA7, "[7] psk_identity_hint")]
    [InlineData(0xA8, "[8] psk_identity")]
    [InlineData(0xA9, "[9] ticket_lifetime_hint")]
    [InlineData(0xAA, "[10] ticket")]
    [InlineData(0xAB, "[11] comp_id")]
    [InlineData(0xAC, "[12] srp_username")]
    [InlineData(0xAD, "[13] flags")]
    [InlineData(0xAE, "[14] tick_age_add")]
    [InlineData(0xAF, "[15] max_early_data")]
    [InlineData(0xB0, "[16] alpn_selected")]
    [InlineData(0xB1, "[17] max_fragment_len_mode")]
    [InlineData(0xB2, "[18] ticket_appdata")]
    [InlineData(0xB3, "[19] kex_group")]
    [InlineData(0xB4, "[20] peer_rpk")]
    public void Refusal_inside_an_optional_field_names_that_field(int tag, string name)
    {
        Refuses(Session(new[] { (byte)tag, (byte)0x05 }), SslSessionFormatError.Malformed,
            $"{name}: found length 5 but only 0 bytes remain.", FirstField);
    }

    // ---- the mandatory head ----

    [Fact]
    public void Negative_version_names_version_at_its_integer()
    {
        Refuses(WithHead(0, Int("FF")), SslSessionFormatError.Malformed, "version: found a negative INTEGER; the field is unsigned.", 4);
    }

    [Fact]
    public void Version_2_names_the_only_allowed_version()
    {
        Refuses(WithHead(0, Int("02")), SslSessionFormatError.UnknownSslVersion, "version: found 2; only SSL_SESSION_ASN1_VERSION 1 is allowed.", 2);
    }

    [Fact]
    public void Ssl_version_with_the_wrong_tag_names_ssl_version()
    {
        Refuses(WithHead(1, Oct("0304")), SslSessionFormatError.Malformed, "ssl_version: found tag 0x04 where 0x02 is required.", 5);
    }

    [Fact]
    public void Non_minimal_ssl_version_names_ssl_version_and_the_padding()
    {
        Refuses(WithHead(1, Int("000304")), SslSessionFormatError.Malformed,
            "ssl_version: found a non-minimal INTEGER (illegal padding 0x0003); DER requires the shortest encoding.", 7);
    }

    [Fact]
    public void Unsupported_ssl_version_names_the_value_in_hex()
    {
        Refuses(WithHead(1, Int("02")), SslSessionFormatError.UnsupportedSslVersion,
            "ssl_version: found 0x0002; the major version must be 0x03 or 0xFE, or the value 0x0100 (DTLS1_BAD_VER).", 5);
    }

    [Fact]
    public void Cipher_that_is_not_an_octet_string_names_cipher_and_the_tag()
    {
        Refuses(WithHead(2, Int("1301")), SslSessionFormatError.Malformed, "cipher: found tag 0x02 where an OCTET STRING (0x04) is required.", 9);
    }

    [Fact]
    public void Unknown_cipher_names_the_code()
    {
        Refuses(WithHead(2, Oct("0005")), SslSessionFormatError.UnknownCipher,
            "cipher: found 0x0005, which OpenSSL 3.0 does not know; only suites in its table (TLS 1.3, TLS 1.2 and earlier, and the SCSVs) are allowed.", 9);
    }

    [Fact]
    public void Session_id_that_is_not_an_octet_string_names_session_id()
    {
        Refuses(WithHead(3, Int("01")), SslSessionFormatError.Malformed, "session_id: found tag 0x02 where an OCTET STRING (0x04) is required.", 13);
    }

    [Fact]
    public void Session_id_of_33_bytes_names_the_length_and_the_limit()
    {
        Refuses(WithHead(3, Oct(new byte[33])), SslSessionFormatError.SessionIdTooLong, "session_id: found 33 bytes; at most 32 are allowed.", 13);
    }

    [Fact]
    public void Master_key_that_is_not_an_octet_string_names_master_key()
    {
        Refuses(WithHead(4, Int("01")), SslSessionFormatError.Malformed, "master_key: found tag 0x02 where an OCTET STRING (0x04) is required.", 15);
    }

    [Fact]
    public void Master_key_of_513_bytes_names_the_length_and_the_limit()
    {
        // The body is over 255 bytes, so the SEQUENCE header is 30 82 xx xx and master_key starts at 17.
        Refuses(WithHead(4, Oct(new byte[513])), SslSessionFormatError.MasterKeyTooLong, "master_key: found 513 bytes; at most 512 are allowed.", 17);
    }

    // ---- field order ----

    [Fact]
    public void Universal_element_after_key_arg_names_key_arg_as_the_field_before_it()
    {
        Refuses(Session(H("8000"), Oct("00")), SslSessionFormatError.UnexpectedField,
            "found tag 0x04 after [0] key_arg; only the context tags [0] (0x80) and [1]..[20] (0xA1..0xB4), in increasing order, are allowed.", FirstField + 2);
    }

    [Fact]
    public void Universal_element_after_master_key_names_master_key_as_the_field_before_it()
    {
        Refuses(Session(Oct("00")), SslSessionFormatError.UnexpectedField,
            "found tag 0x04 after master_key; only the context tags [0] (0x80) and [1]..[20] (0xA1..0xB4), in increasing order, are allowed.", FirstField);
    }

    [Fact]
    public void Repeated_key_arg_names_key_arg_twice()
    {
        Refuses(Session(H("8000"), H("8000")), SslSessionFormatError.UnexpectedField,
            "[0] key_arg: found after [0] key_arg; fields must appear once each, in increasing tag order.", FirstField + 2);
    }

    [Fact]
    public void Field_out_of_order_names_itself_and_the_field_before_it()
    {
        // [5] = A5 03 02 01 01 at 17..21, so [4] starts at 22.
        Refuses(Session(Exp(5, Int("01")), Exp(4, Oct(""))), SslSessionFormatError.UnexpectedField,
            "[4] session_id_context: found after [5] verify_result; fields must appear once each, in increasing tag order.", FirstField + 5);
    }

    [Fact]
    public void Peer_raw_public_key_when_not_allowed_says_how_to_allow_it()
    {
        Refuses(Session(Exp(20, Oct("3000"))), SslSessionFormatError.UnexpectedField,
            "[20] peer_rpk: found an OpenSSL 3.2+ raw public key, which OpenSSL 3.0 refuses; set AllowPeerRawPublicKey to accept it.", FirstField,
            new SslSessionDecodeOptions { AllowPeerRawPublicKey = false });
    }

    [Fact]
    public void Repeated_peer_raw_public_key_when_allowed_says_it_is_repeated()
    {
        // [20] = B4 04 04 02 30 00 at 17..22, so the second one starts at 23.
        Refuses(Session(Exp(20, Oct("3000")), Exp(20, Oct("3000"))), SslSessionFormatError.UnexpectedField,
            "[20] peer_rpk: found after [20] peer_rpk; fields must appear once each, in increasing tag order.", FirstField + 6,
            new SslSessionDecodeOptions { AllowPeerRawPublicKey = true });
    }

    // ---- optional fields ----

    [Fact]
    public void Bad_peer_certificate_names_its_length_and_what_is_required_at_the_certificate()
    {
        Refuses(Session(Exp(3, Seq(Int("01")))), SslSessionFormatError.BadPeerCertificate,
            "[3] peer certificate: found 5 bytes that are not one well-formed DER X.509 Certificate; a SEQUENCE { tbsCertificate, signatureAlgorithm, signature BIT STRING } is required.",
            FirstField + 2);
    }

    [Fact]
    public void Session_id_context_of_32_bytes_is_accepted()
    {
        var session = SslSessionCodec.Decode(Session(Exp(4, Oct(new byte[32]))), At(Now));
        Assert.Equal(32, session.GetSessionIdContext().Length);
    }

    [Fact]
    public void Session_id_context_of_33_bytes_names_the_length_and_the_limit_at_the_field()
    {
        Refuses(Session(Exp(4, Oct(new byte[33]))), SslSessionFormatError.SessionIdContextTooLong,
            "[4] session_id_context: found 33 bytes; at most 32 are allowed.", FirstField);
    }

    [Fact]
    public void Compression_id_of_two_bytes_names_the_length_and_the_rule_at_the_field()
    {
        Refuses(Session(Exp(11, Oct("0101"))), SslSessionFormatError.BadCompressionLength,
            "[11] comp_id: found 2 bytes; the compression id must be exactly 1 byte.", FirstField);
    }

    [Fact]
    public void Second_element_inside_an_explicit_tag_is_refused_at_that_element()
    {
        // A6 at 17, 04 01 61 at 19..21, 04 01 62 at 22.
        Refuses(Session(Exp(6, Oct("61").Concat(Oct("62")).ToArray())), SslSessionFormatError.Malformed,
            "[6] hostname: found bytes after the value inside the EXPLICIT tag; exactly one element is allowed.", FirstField + 5);
    }

    [Theory]
    [InlineData("0061", "")]
    [InlineData("610062", "a")]
    [InlineData("6162", "ab")]
    public void Hostname_ends_at_the_first_nul(string hex, string expected)
    {
        Assert.Equal(expected, SslSessionCodec.Decode(Session(Exp(6, Oct(hex))), At(Now)).ServerName);
    }

    // ---- INTEGERs ----

    [Fact]
    public void Signed_integer_of_9_bytes_names_the_size_and_the_limit_at_the_integer()
    {
        Refuses(Session(Exp(1, Int("010000000000000000"))), SslSessionFormatError.Malformed,
            "[1] time: found a 9-byte INTEGER; at most 8 bytes are allowed for a 64-bit field.", FirstFieldInteger);
    }

    [Theory]
    [InlineData("80000000", int.MinValue)]
    [InlineData("7FFFFFFF", int.MaxValue)]
    public void Verify_result_at_the_int32_limits_is_accepted(string hex, long expected)
    {
        Assert.Equal(expected, SslSessionCodec.Decode(Session(Exp(5, Int(hex))), At(Now)).VerifyResult);
    }

    [Theory]
    [InlineData("FF7FFFFFFF", "-2147483649")]
    [InlineData("0080000000", "2147483648")]
    public void Verify_result_one_past_the_int32_limits_names_the_value_and_the_range(string hex, string value)
    {
        Refuses(Session(Exp(5, Int(hex))), SslSessionFormatError.Malformed,
            $"[5] verify_result: found {value}; the allowed range is -2147483648..2147483647.", FirstFieldInteger);
    }

    [Fact]
    public void Non_minimal_unsigned_integer_names_the_padding()
    {
        Refuses(Session(Exp(9, Int("0001"))), SslSessionFormatError.Malformed,
            "[9] ticket_lifetime_hint: found a non-minimal INTEGER (illegal padding 0x0001); DER requires the shortest encoding.", FirstFieldInteger);
    }

    [Fact]
    public void Negative_value_in_an_unsigned_field_names_the_field()
    {
        Refuses(Session(Exp(14, Int("FF"))), SslSessionFormatError.Malformed,
            "[14] tick_age_add: found a negative INTEGER; the field is unsigned.", FirstFieldInteger);
    }

    [Fact]
    public void Unsigned_64_bit_maximum_in_9_bytes_is_accepted()
    {
        Assert.Equal(ulong.MaxValue, SslSessionCodec.Decode(Session(Exp(9, Int("00FFFFFFFFFFFFFFFF"))), At(Now)).TicketLifetimeHintSeconds);
    }

    [Theory]
    [InlineData("010000000000000000", 9)]
    [InlineData("00800000000000000000", 10)]
    public void Unsigned_value_above_64_bits_names_the_integer_size(string hex, int size)
    {
        Refuses(Session(Exp(9, Int(hex))), SslSessionFormatError.Malformed,
            $"[9] ticket_lifetime_hint: found a {size}-byte INTEGER; at most 64 bits are allowed.", FirstFieldInteger);
    }

    [Fact]
    public void Uint32_maximum_is_accepted()
    {
        Assert.Equal(uint.MaxValue, SslSessionCodec.Decode(Session(Exp(15, Int("00FFFFFFFF"))), At(Now)).MaxEarlyData);
    }

    [Fact]
    public void Uint32_maximum_plus_one_names_the_value_and_the_range()
    {
        Refuses(Session(Exp(15, Int("0100000000"))), SslSessionFormatError.Malformed,
            "[15] max_early_data: found 4294967296; the allowed range is 0..4294967295.", FirstFieldInteger);
    }
}
