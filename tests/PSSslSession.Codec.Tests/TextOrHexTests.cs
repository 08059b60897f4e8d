using PSSslSession.Codec;
using Xunit;

namespace PSSslSession.Codec.Tests;

/// <summary>The written form of session-id contexts and prefixes: text for text, 0x-hex for the rest, and back.</summary>
public class TextOrHexTests
{
    [Fact]
    public void Plain_text_reads_as_its_UTF8_bytes() =>
        Assert.Equal("myapp"u8.ToArray(), TextOrHex.Parse("myapp"));

    [Fact]
    public void Text_that_looks_like_hex_is_still_text() =>
        Assert.Equal(new byte[] { 0x63, 0x61, 0x66, 0x65 }, TextOrHex.Parse("cafe"));

    [Fact]
    public void Zero_x_and_hex_digits_read_as_bytes() =>
        Assert.Equal(new byte[] { 0xC0, 0xFF, 0xEE }, TextOrHex.Parse("0xc0ffee"));

    [Fact]
    public void Zero_x_with_an_odd_number_of_digits_is_refused() =>
        Assert.Throws<FormatException>(() => TextOrHex.Parse("0xABC"));

    [Fact]
    public void Zero_x_alone_is_text() =>
        Assert.Equal("0x"u8.ToArray(), TextOrHex.Parse("0x"));

    [Fact]
    public void Printable_ASCII_shows_as_text() =>
        Assert.Equal("www-18", TextOrHex.Format("www-18"u8));

    [Fact]
    public void Apaches_32_character_context_shows_as_text() =>
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb924", TextOrHex.Format("e3b0c44298fc1c149afbf4c8996fb924"u8));

    [Theory]
    [InlineData(new byte[] { 0, 1 }, "0x0001")]
    [InlineData(new byte[] { 0x41, 0x7F }, "0x417F")]
    [InlineData(new byte[] { 0x20, 0x41 }, "0x2041")]
    [InlineData(new byte[] { 0x41, 0x20 }, "0x4120")]
    [InlineData(new byte[] { 0xC3, 0xA9 }, "0xC3A9")]
    public void Bytes_that_are_not_plain_text_show_as_0x_hex(byte[] bytes, string expected) =>
        Assert.Equal(expected, TextOrHex.Format(bytes));

    [Fact]
    public void Text_that_itself_reads_as_0x_hex_shows_as_hex_so_it_reads_back_the_same() =>
        Assert.Equal("0x30784142", TextOrHex.Format("0xAB"u8));

    [Fact]
    public void No_bytes_show_as_the_empty_string() =>
        Assert.Equal("", TextOrHex.Format(ReadOnlySpan<byte>.Empty));

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 0x30, 0x78, 0x41, 0x42 })]
    [InlineData(new byte[] { 0x6D, 0x79, 0x61, 0x70, 0x70 })]
    [InlineData(new byte[] { 0x20 })]
    [InlineData(new byte[] { 0xFF, 0x00, 0x7E })]
    public void What_is_shown_reads_back_as_the_same_bytes(byte[] bytes) =>
        Assert.Equal(bytes, TextOrHex.Parse(TextOrHex.Format(bytes)));

    [Fact]
    public void Parse_of_null_is_an_argument_null_exception() =>
        Assert.Throws<ArgumentNullException>(() => TextOrHex.Parse(null!));

    [Theory]
    [InlineData("0xABC")]
    [InlineData("0xA")]
    public void The_odd_digit_error_names_the_text_and_asks_for_two_digits_per_byte(string text)
    {
        var e = Assert.Throws<FormatException>(() => TextOrHex.Parse(text));
        Assert.Contains($"'{text}' has an odd number of hex digits", e.Message);
        Assert.Contains("two digits per byte", e.Message);
    }

    [Fact]
    public void Upper_case_0X_and_hex_digits_read_as_bytes() =>
        Assert.Equal(new byte[] { 0xC0, 0xFF, 0xEE }, TextOrHex.Parse("0XC0FFEE"));

    [Theory]
    [InlineData("0xyz")]
    [InlineData("0xABCG")]
    [InlineData("0yAB")]
    public void Zero_x_followed_by_anything_but_hex_digits_is_text(string text) =>
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(text), TextOrHex.Parse(text));

    [Theory]
    [InlineData("a b")]
    [InlineData("~")]
    [InlineData("a~b")]
    public void A_space_inside_and_a_tilde_are_plain_text(string text) =>
        Assert.Equal(text, TextOrHex.Format(System.Text.Encoding.ASCII.GetBytes(text)));
}
