using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Codec.Tests.Der;
using static PSSslSession.Codec.Tests.DecodeErrorMessageTests;

namespace PSSslSession.Codec.Tests;

/// <summary>
/// The DER reader's refusals as Decode reports them: which field, what was found, what is required, and
/// the absolute offset of the element. Most inputs put the broken element where session_id belongs
/// (offset 13: 30 len, version at 2, ssl_version at 5, cipher at 9), so the reader's base offset is not 0.
/// </summary>
public class DerReaderTests
{
    private const int SessionIdAt = 13;

    /// <summary>version 1, TLS 1.3, TLS_AES_128_GCM_SHA256, then <paramref name="hex"/> where session_id belongs.</summary>
    private static byte[] AsSessionId(string hex) => Seq(Int("01"), Int("0304"), Oct("1301"), H(hex));

    /// <summary>OCTET STRING "a" wrapped in <paramref name="layers"/> constructed OCTET STRINGs (0x24).</summary>
    private static byte[] Nested(int layers)
    {
        var s = Oct("61");
        for (int i = 0; i < layers; i++) s = Tlv(0x24, s);
        return s;
    }

    [Theory]
    [InlineData("04", "the input ends before the length octet")]
    [InlineData("0480", "found an indefinite length (BER); only definite DER lengths are allowed")]
    [InlineData("04FF", "found the reserved length octet 0xFF")]
    [InlineData("048200", "found a 2-byte long-form length with fewer than 3 bytes left in the enclosing element (OpenSSL: header too long)")]
    [InlineData("0409616263", "found length 9 but only 3 bytes remain")]
    [InlineData("048480000000 00", "found a length larger than 2 GiB")]
    public void Bad_length_is_refused_naming_the_field_and_the_fact_at_the_element(string hex, string fact)
    {
        Refuses(AsSessionId(hex), SslSessionFormatError.Malformed, $"session_id: {fact}.", SessionIdAt);
    }

    [Theory]
    [InlineData("3080 020101 0000", "found an indefinite length (BER); only definite DER lengths are allowed")]
    [InlineData("30FF", "found the reserved length octet 0xFF")]
    [InlineData("3005 020101", "found length 5 but only 3 bytes remain")]
    [InlineData("30", "the input ends before the length octet")]
    public void Bad_length_of_the_outer_sequence_is_refused_as_the_session_sequence_at_offset_0(string hex, string fact)
    {
        Refuses(H(hex), SslSessionFormatError.Malformed, $"session SEQUENCE: {fact}.", 0);
    }

    [Theory]
    [InlineData("047F", "found length 127 but only 0 bytes remain")] // the largest short form
    [InlineData("0480", "found an indefinite length (BER); only definite DER lengths are allowed")]
    [InlineData("048180 00", "found length 128 but only 1 bytes remain")] // the smallest long form
    public void Length_octet_0x80_is_the_indefinite_form_between_the_short_and_the_long_forms(string hex, string fact)
    {
        Refuses(AsSessionId(hex), SslSessionFormatError.Malformed, $"session_id: {fact}.", SessionIdAt);
    }

    [Fact]
    public void Long_form_of_126_length_bytes_is_read_and_127_is_the_reserved_octet()
    {
        Refuses(AsSessionId("04FE"), SslSessionFormatError.Malformed,
            "session_id: found a 126-byte long-form length with fewer than 127 bytes left in the enclosing element (OpenSSL: header too long).", SessionIdAt);
        Refuses(AsSessionId("04FF"), SslSessionFormatError.Malformed, "session_id: found the reserved length octet 0xFF.", SessionIdAt);
    }

    [Fact]
    public void Long_form_length_with_exactly_one_byte_after_it_is_read()
    {
        // 30 82 0001: three bytes after 0x82 (n + 1) pass; the one-byte body then lacks version's length octet.
        Refuses(H("3082 0001 02"), SslSessionFormatError.Malformed, "version: the input ends before the length octet.", 4);
    }

    [Fact]
    public void Long_form_length_with_no_byte_after_it_is_header_too_long()
    {
        Refuses(H("3082 0001"), SslSessionFormatError.Malformed,
            "session SEQUENCE: found a 2-byte long-form length with fewer than 3 bytes left in the enclosing element (OpenSSL: header too long).", 0);
    }

    [Fact]
    public void Length_of_exactly_2_gib_minus_1_is_read_and_then_found_beyond_the_input()
    {
        Refuses(H("3084 7FFFFFFF 020101"), SslSessionFormatError.Malformed, "session SEQUENCE: found length 2147483647 but only 3 bytes remain.", 0);
    }

    [Fact]
    public void Length_of_2_gib_is_larger_than_2_gib_minus_1()
    {
        Refuses(H("3084 80000000 020101"), SslSessionFormatError.Malformed, "session SEQUENCE: found a length larger than 2 GiB.", 0);
    }

    [Fact]
    public void Length_equal_to_the_remaining_bytes_is_read()
    {
        // session_id takes the last 3 bytes, so the next field is the one missing.
        Refuses(AsSessionId("0403 616263"), SslSessionFormatError.Malformed, "master_key: the element is missing: no bytes are left.", 18);
    }

    [Fact]
    public void Length_one_past_the_remaining_bytes_is_refused()
    {
        Refuses(AsSessionId("0404 616263"), SslSessionFormatError.Malformed, "session_id: found length 4 but only 3 bytes remain.", SessionIdAt);
    }

    [Fact]
    public void Missing_mandatory_element_is_refused_at_the_end_of_the_sequence()
    {
        Refuses(Seq(Int("01"), Int("0304"), Oct("1301"), Oct("")), SslSessionFormatError.Malformed,
            "master_key: the element is missing: no bytes are left.", 15);
    }

    [Theory]
    [InlineData("1F", "the input ends inside a multi-byte tag")]
    [InlineData("1F81", "the input ends inside a multi-byte tag")]
    [InlineData("1F1F", "the input ends before the length octet")]
    [InlineData("1F8101", "the input ends before the length octet")]
    public void Input_ending_inside_or_right_after_a_multi_byte_tag_is_refused(string hex, string fact)
    {
        Refuses(AsSessionId(hex), SslSessionFormatError.Malformed, $"session_id: {fact}.", SessionIdAt);
    }

    [Fact]
    public void Multi_byte_tag_for_number_30_is_refused_as_a_number_that_fits_one_byte()
    {
        Refuses(AsSessionId("1F1E00"), SslSessionFormatError.Malformed,
            "session_id: found tag number 30 in the multi-byte form; DER writes numbers below 31 in one byte.", SessionIdAt);
    }

    [Fact]
    public void Multi_byte_tag_for_number_31_is_read_and_reported_as_a_multi_byte_tag()
    {
        Refuses(AsSessionId("1F1F00"), SslSessionFormatError.Malformed,
            "session_id: found tag 0x1F.. (multi-byte tag) where an OCTET STRING (0x04) is required.", SessionIdAt);
    }

    [Fact]
    public void Wrong_tag_is_refused_with_both_tags_in_two_hex_digits_at_the_element()
    {
        Refuses(WithHead(0, Oct("01")), SslSessionFormatError.Malformed, "version: found tag 0x04 where 0x02 is required.", 2);
    }

    [Theory]
    [InlineData("A1", 0xA1)]
    [InlineData("1F1F", DerReader.HighTag)]
    [InlineData("BF20", DerReader.HighTag | 0xA0)]
    [InlineData("7F20", DerReader.HighTag | 0x60)]
    public void Peek_tag_reports_a_multi_byte_identifier_as_the_high_tag_with_its_class_and_constructed_bits(string hex, int expected)
    {
        var r = new DerReader(H(hex), 0);
        Assert.Equal(expected, r.PeekTag());
    }

    [Theory]
    [InlineData(0x04, "04")]
    [InlineData(0xB4, "B4")]
    [InlineData(DerReader.HighTag - 1, "FFFF")]
    [InlineData(DerReader.HighTag, "1F.. (multi-byte tag)")]
    [InlineData(DerReader.HighTag | 0xA0, "1F.. (multi-byte tag)")]
    public void Tag_text_is_two_hex_digits_or_says_multi_byte_tag(int tag, string text)
    {
        Assert.Equal(text, DerReader.TagText(tag));
    }

    [Fact]
    public void Multi_byte_tag_after_master_key_is_unexpected_and_named_as_multi_byte()
    {
        Refuses(Session(H("BF2000")), SslSessionFormatError.UnexpectedField,
            "found tag 0x1F.. (multi-byte tag) after master_key; only the context tags [0] (0x80) and [1]..[20] (0xA1..0xB4), in increasing order, are allowed.", FirstField);
    }

    [Theory]
    [InlineData("1F1F02 6162")]       // primitive piece with a multi-byte tag
    [InlineData("3F1F04 04026162")]   // constructed piece with a multi-byte tag
    [InlineData("2403 040161 040162")] // constructed piece, then a primitive one
    public void Pieces_of_a_constructed_string_are_gathered_whatever_their_tag(string piecesHex)
    {
        var session = SslSessionCodec.Decode(Session(Exp(6, Tlv(0x24, H(piecesHex)))), At(Now));
        Assert.Equal("ab", session.ServerName);
    }

    [Fact]
    public void Constructed_string_with_5_nested_constructed_pieces_is_gathered()
    {
        var session = SslSessionCodec.Decode(Session(Exp(6, Nested(6))), At(Now));
        Assert.Equal("a", session.ServerName);
    }

    [Fact]
    public void Constructed_string_with_6_nested_constructed_pieces_is_refused_at_the_sixth()
    {
        // A6 at 17, then one 2-byte header per layer from 19: the 7th layer (6th nested piece) starts at 31.
        Refuses(Session(Exp(6, Nested(7))), SslSessionFormatError.Malformed,
            "[6] hostname: found a constructed string nested more than 5 deep.", 31);
    }

    [Fact]
    public void End_of_contents_inside_a_constructed_string_is_refused_at_the_end_of_contents()
    {
        // A6 at 17, 24 at 19, 04 01 61 at 21, 00 00 at 24.
        Refuses(Session(Exp(6, Tlv(0x24, Oct("61"), H("0000")))), SslSessionFormatError.Malformed,
            "[6] hostname: found end-of-contents inside a definite-length constructed string.", 24);
    }

    [Fact]
    public void Constructed_key_arg_is_gathered_and_refused_when_its_pieces_are_bad()
    {
        Refuses(Session(Tlv(0xA0, H("0000"))), SslSessionFormatError.Malformed,
            "[0] key_arg: found end-of-contents inside a definite-length constructed string.", FirstField + 2);
    }

    [Theory]
    [InlineData("8000")]
    [InlineData("8001 FF")]
    [InlineData("A003 0401FF")]
    public void Key_arg_is_accepted_and_ignored(string hex)
    {
        var session = SslSessionCodec.Decode(Session(H(hex)), At(Now));
        Assert.Equal(X(SslSessionCodec.Encode(SslSessionCodec.Decode(Session(), At(Now)))), X(SslSessionCodec.Encode(session)));
    }
}
