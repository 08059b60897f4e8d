using PSSslSession.Codec;
using Xunit;

namespace PSSslSession.Codec.Tests;

/// <summary>Hex: the hex text of ids, keys and byte strings.</summary>
public class HexTests
{
    [Fact]
    public void A_successful_decode_reports_no_error()
    {
        Assert.True(Hex.TryDecode("0a:ff", out var bytes, out var error));
        Assert.Equal(new byte[] { 0x0A, 0xFF }, bytes);
        Assert.Equal("", error);
    }

    [Fact]
    public void A_character_that_is_not_hex_fails_the_decode_and_is_named()
    {
        Assert.False(Hex.TryDecode("0g", out _, out var error));
        Assert.Contains("'g'", error);
    }

    [Fact]
    public void Decode_of_text_that_is_not_hex_throws_a_format_exception_naming_the_text()
    {
        var e = Assert.Throws<FormatException>(() => Hex.Decode("xyz"));
        Assert.Contains("'xyz'", e.Message);
        Assert.Contains("'x' is not a hex digit", e.Message);
    }
}
