using System.Text;
using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Codec.Tests.Der;

namespace PSSslSession.Codec.Tests;

/// <summary>SslSessionReader.ReadAny: form detection for Import-SslSession / ConvertTo-SslSession.</summary>
public class ReaderTests
{
    private static readonly byte[] DerOne = SslSessionCodec.Encode(Rich());

    [Fact]
    public void Pem_text_is_read_as_pem()
    {
        var bytes = Encoding.ASCII.GetBytes(SslSessionPem.Write(new[] { Rich(), Rich() }));
        Assert.Equal(2, SslSessionReader.ReadAny(bytes).Count);
    }

    [Fact]
    public void Pem_with_a_utf8_bom_is_read()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.ASCII.GetBytes(SslSessionPem.Write(Rich()))).ToArray();
        Assert.Single(SslSessionReader.ReadAny(bytes));
    }

    [Fact]
    public void Der_is_read_as_der()
    {
        Assert.Equal(X(DerOne), X(SslSessionCodec.Encode(Assert.Single(SslSessionReader.ReadAny(DerOne)))));
    }

    [Fact]
    public void Der_sessions_back_to_back_are_all_read()
    {
        Assert.Equal(3, SslSessionReader.ReadAny(DerOne.Concat(DerOne).Concat(DerOne).ToArray()).Count);
    }

    [Fact]
    public void Garbage_after_der_is_trailing_data()
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionReader.ReadAny(DerOne.Concat(new byte[] { 0xFF }).ToArray()));
        Assert.Equal(SslSessionFormatError.TrailingData, e.Reason);
    }

    [Fact]
    public void Garbage_after_der_is_ignored_when_allowed()
    {
        Assert.Single(SslSessionReader.ReadAny(DerOne.Concat(new byte[] { 0xFF }).ToArray(), new SslSessionDecodeOptions { AllowTrailingData = true }));
    }

    [Fact]
    public void Base64_text_of_der_is_read()
    {
        var b64 = Convert.ToBase64String(DerOne);
        var wrapped = string.Join("\r\n", Enumerable.Range(0, (b64.Length + 75) / 76).Select(i => b64.Substring(i * 76, Math.Min(76, b64.Length - i * 76))));
        Assert.Single(SslSessionReader.ReadAny(Encoding.ASCII.GetBytes(wrapped + "\n")));
    }

    [Fact]
    public void Empty_input_is_empty()
    {
        Assert.Equal(SslSessionFormatError.Empty, Assert.Throws<SslSessionFormatException>(() => SslSessionReader.ReadAny(Array.Empty<byte>())).Reason);
    }

    [Fact]
    public void Plain_text_is_no_pem_block()
    {
        Assert.Equal(SslSessionFormatError.NoPemBlock, Assert.Throws<SslSessionFormatException>(() => SslSessionReader.ReadAny(Encoding.ASCII.GetBytes("not a session!"))).Reason);
    }

    [Fact]
    public void Null_input_is_an_argument_null_exception() =>
        Assert.Throws<ArgumentNullException>(() => SslSessionReader.ReadAny(null!));

    [Fact]
    public void The_empty_input_error_says_there_are_no_bytes_and_what_is_required()
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionReader.ReadAny(Array.Empty<byte>()));
        Assert.Contains("no bytes", e.Message);
        Assert.Contains("PEM, DER or base64", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x20, 0x0D, 0x0A, 0x09 })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x0A })]
    public void Only_white_space_or_a_byte_order_mark_is_empty(byte[] data)
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionReader.ReadAny(data));
        Assert.Equal(SslSessionFormatError.Empty, e.Reason);
        Assert.Contains("only white space", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x2A })]
    [InlineData(new byte[] { 0xEF })]
    [InlineData(new byte[] { 0xEF, 0xBB })]
    [InlineData(new byte[] { 0x2A, 0x2A, 0xBF })]
    public void A_few_bytes_of_no_known_form_and_no_byte_order_mark_are_no_pem_block(byte[] data) =>
        Assert.Equal(SslSessionFormatError.NoPemBlock, Assert.Throws<SslSessionFormatException>(() => SslSessionReader.ReadAny(data)).Reason);

    [Fact]
    public void The_no_known_form_error_names_the_first_byte_and_the_forms_looked_for()
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionReader.ReadAny(Encoding.ASCII.GetBytes("not a session!")));
        Assert.Contains("first byte 0x6E", e.Message);
        Assert.Contains("'-----BEGIN SSL SESSION PARAMETERS-----'", e.Message);
        Assert.Contains("base64", e.Message);
    }

    [Fact]
    public void Input_ending_in_the_begin_marker_is_read_as_pem() =>
        Assert.StartsWith("PEM:", Assert.Throws<SslSessionFormatException>(() => SslSessionReader.ReadAny(Encoding.ASCII.GetBytes("-----BEGIN "))).Message);

    [Fact]
    public void Base64_that_does_not_decode_to_a_sequence_is_malformed()
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionReader.ReadAny(Encoding.ASCII.GetBytes("AAAA")));
        Assert.Equal(SslSessionFormatError.Malformed, e.Reason);
        Assert.Contains("DER SEQUENCE", e.Message);
    }

    [Fact]
    public void Trailing_data_is_reported_with_its_size_its_tag_and_its_offset()
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionReader.ReadAny(DerOne.Concat(new byte[] { 0xFF, 0xFE, 0xFD }).ToArray()));
        Assert.Contains("3 bytes after session 1", e.Message);
        Assert.Contains("tag 0xFF", e.Message);
        Assert.Equal(DerOne.Length, e.Offset);
    }

    [Fact]
    public void An_error_in_a_later_session_names_the_session_and_its_offset_in_the_whole_input()
    {
        var bad = Session(Exp(11, Oct("0101")));
        var alone = Assert.Throws<SslSessionFormatException>(() => SslSessionCodec.Decode(bad));
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionReader.ReadAny(DerOne.Concat(DerOne).Concat(bad).ToArray()));
        Assert.Equal(SslSessionFormatError.BadCompressionLength, e.Reason);
        Assert.Equal("session 3: " + alone.Message, e.Message);
        Assert.Equal(2 * DerOne.Length + alone.Offset, e.Offset);
    }

    [Fact]
    public void An_error_in_the_first_session_is_reported_as_the_decoder_reports_it()
    {
        var bad = Session(Exp(11, Oct("0101")));
        var alone = Assert.Throws<SslSessionFormatException>(() => SslSessionCodec.Decode(bad));
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionReader.ReadAny(bad.Concat(DerOne).ToArray()));
        Assert.Equal(alone.Message, e.Message);
        Assert.Equal(alone.Offset, e.Offset);
    }
}
