using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Codec.Tests.Der;

namespace PSSslSession.Codec.Tests;

/// <summary>The PEM body: base64 decoded straight from the text, line ends and blank lines as PEM_read_bio treats them.</summary>
public class PemBodyTests
{
    private static readonly string Pem = SslSessionPem.Write(Rich());
    private static readonly string[] Lines = Pem.TrimEnd('\n').Split('\n');

    private static string Block(IEnumerable<string> body) =>
        Lines[0] + "\n" + string.Join("\n", body) + "\n" + Lines[^1] + "\n";

    private static IEnumerable<string> Body => Lines.Skip(1).Take(Lines.Length - 2);

    [Fact]
    public void A_blank_line_inside_the_body_is_bad_pem()
    {
        var text = Block(Body.Take(2).Append("").Concat(Body.Skip(2)));
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionPem.ReadAll(text));
        Assert.Equal(SslSessionFormatError.BadPem, e.Reason);
        Assert.Contains("blank line", e.Message);
    }

    [Fact]
    public void A_blank_line_before_the_end_line_is_bad_pem()
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionPem.ReadAll(Block(Body.Append(""))));
        Assert.Equal(SslSessionFormatError.BadPem, e.Reason);
    }

    [Fact]
    public void A_line_of_only_blanks_inside_the_body_is_bad_pem()
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionPem.ReadAll(Block(Body.Take(1).Append(" \t\r").Concat(Body.Skip(1)))));
        Assert.Equal(SslSessionFormatError.BadPem, e.Reason);
    }

    [Fact]
    public void A_blank_line_right_after_begin_is_read_as_an_empty_header_section()
    {
        var session = Assert.Single(SslSessionPem.ReadAll(Block(Body.Prepend(""))));
        Assert.Equal(SslSessionCodec.Encode(Rich()), SslSessionCodec.Encode(session));
    }

    [Fact]
    public void A_blank_line_in_a_block_with_another_label_is_ignored()
    {
        var text = "-----BEGIN CERTIFICATE-----\nMIIB\n\nAAAA\n-----END CERTIFICATE-----\n" + Pem;
        Assert.Single(SslSessionPem.ReadAll(text));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(63)]
    [InlineData(76)]
    [InlineData(100000)]
    public void Any_line_width_with_crlf_and_trailing_blanks_decodes_to_the_same_der(int width)
    {
        var b64 = string.Concat(Body);
        var wrapped = Enumerable.Range(0, (b64.Length + width - 1) / width)
            .Select(i => b64.Substring(i * width, Math.Min(width, b64.Length - i * width)) + " \t\r");
        var session = Assert.Single(SslSessionPem.ReadAll(Block(wrapped)));
        Assert.Equal(SslSessionCodec.Encode(Rich()), SslSessionCodec.Encode(session));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(47)]
    [InlineData(48)]
    public void Base64_of_every_length_decodes_as_the_framework_does(int length)
    {
        var bytes = Enumerable.Range(0, length).Select(i => (byte)(i * 37 + 11)).ToArray();
        var b64 = Convert.ToBase64String(bytes);
        Assert.Equal(bytes, SslSessionPem.DecodeBase64(b64, 1));
        var split = string.Join("\n", Enumerable.Range(0, b64.Length).Select(i => b64[i].ToString()));
        Assert.Equal(bytes, SslSessionPem.DecodeBase64(split, 0, split.Length, b64.Length, 1));
    }

    [Fact]
    public void Padding_split_over_two_lines_is_accepted()
    {
        var bytes = new byte[] { 1, 2, 3, 4 };
        var b64 = Convert.ToBase64String(bytes); // AQIDBA==
        var text = b64[..^1] + "\n" + b64[^1..];
        Assert.Equal(bytes, SslSessionPem.DecodeBase64(text, 0, text.Length, b64.Length, 1));
    }

    [Fact]
    public void Padding_that_is_not_needed_is_bad_base64()
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionPem.DecodeBase64("AAA=AAA=", 1));
        Assert.Equal(SslSessionFormatError.BadBase64, e.Reason);
        Assert.Contains("position 3", e.Message);
    }

    [Fact]
    public void A_space_inside_a_body_line_is_bad_base64_at_its_position()
    {
        var body = Body.ToArray();
        body[1] = body[1][..5] + " " + body[1][5..];
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionPem.ReadAll(Block(body)));
        Assert.Equal(SslSessionFormatError.BadBase64, e.Reason);
        Assert.Contains($"position {body[0].Length + 5}", e.Message);
    }

    [Fact]
    public void A_length_that_is_not_a_multiple_of_four_is_bad_base64()
    {
        var body = Body.ToArray();
        body[0] = body[0][1..];
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionPem.ReadAll(Block(body)));
        Assert.Equal(SslSessionFormatError.BadBase64, e.Reason);
    }

    [Theory]
    [InlineData('*', "'*'")]
    [InlineData(' ', "' '")]
    [InlineData('~', "'~'")]
    [InlineData('\u0001', "'U+0001'")]
    [InlineData('\u007F', "'U+007F'")]
    [InlineData('\u0080', "'U+0080'")]
    [InlineData('\u00E9', "'U+00E9'")]
    public void A_character_outside_the_alphabet_is_bad_base64_shown_as_itself_when_printable_ascii_else_as_its_code_point(char c, string shown)
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionPem.DecodeBase64("AA" + c + "A", 1));
        Assert.Equal(SslSessionFormatError.BadBase64, e.Reason);
        Assert.Contains($"has {shown} at base64 position 2", e.Message);
    }

    [Fact]
    public void Three_padding_characters_are_bad_base64() =>
        Assert.Equal(SslSessionFormatError.BadBase64, Assert.Throws<SslSessionFormatException>(() => SslSessionPem.DecodeBase64("A===", 1)).Reason);

    [Fact]
    public void The_length_error_names_the_block_line_and_the_character_count()
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionPem.DecodeBase64("AAAAA", 7));
        Assert.Contains("opened on line 7 has 5 base64 characters", e.Message);
        Assert.Contains("multiple of 4", e.Message);
    }

    [Fact]
    public void A_body_that_starts_with_a_line_end_decodes() =>
        Assert.Equal(new byte[] { 1, 2, 3 }, SslSessionPem.DecodeBase64("\nAQID", 0, 5, 4, 1));
}
