using Xunit;

namespace PSSslSession.Commands.Tests;

public class ByteInputTests
{
    [Fact]
    public void Hex_text_with_separators_becomes_its_bytes() =>
        Assert.Equal(new byte[] { 0x0A, 0x1B, 0xFF }, ByteInput.ToBytes("0a:1B-ff"));

    [Fact]
    public void A_byte_array_is_copied() 
    {
        var source = new byte[] { 1, 2 };
        var result = ByteInput.ToBytes(source);
        source[0] = 9;
        Assert.Equal(new byte[] { 1, 2 }, result);
    }

    [Fact]
    public void An_object_array_of_ints_as_PowerShell_binds_1_2_3_becomes_bytes() =>
        Assert.Equal(new byte[] { 1, 2, 255 }, ByteInput.ToBytes(new object[] { 1, 2, 255 }));

    [Fact]
    public void A_number_above_255_is_refused() =>
        Assert.Throws<FormatException>(() => ByteInput.ToBytes(new object[] { 1, 256 }));

    [Fact]
    public void A_negative_number_is_refused() =>
        Assert.Throws<FormatException>(() => ByteInput.ToBytes(new object[] { -1 }));

    [Fact]
    public void Text_that_is_not_hex_is_refused() =>
        Assert.Throws<FormatException>(() => ByteInput.ToBytes("web"));

    [Fact]
    public void Null_is_refused() =>
        Assert.Throws<FormatException>(() => ByteInput.ToBytes(null));
}
