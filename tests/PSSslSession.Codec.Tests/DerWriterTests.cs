using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Codec.Tests.Der;

namespace PSSslSession.Codec.Tests;

/// <summary>DerWriter: minimal DER lengths and integers, as i2d writes them.</summary>
public class DerWriterTests
{
    private static string Written(int size, Action<DerWriter> write)
    {
        var buffer = new byte[size];
        var w = new DerWriter(buffer);
        write(w);
        return X(buffer);
    }

    [Theory]
    [InlineData(0x00, 1)]
    [InlineData(0x7F, 1)]
    [InlineData(0x80, 2)]
    [InlineData(0xFF, 2)]
    [InlineData(0x100, 3)]
    [InlineData(0xFFFF, 3)]
    [InlineData(0x10000, 4)]
    [InlineData(0xFFFFFF, 4)]
    [InlineData(0x1000000, 5)]
    [InlineData(int.MaxValue, 5)]
    public void A_length_takes_one_octet_below_0x80_and_then_one_more_per_byte_of_the_value(int length, int size) =>
        Assert.Equal(size, DerWriter.LengthSize(length));

    [Theory]
    [InlineData(0x7F, "047f")]
    [InlineData(0x80, "048180")]
    [InlineData(0xFF, "0481ff")]
    [InlineData(0x100, "04820100")]
    [InlineData(0x10000, "0483010000")]
    [InlineData(0x1000000, "048401000000")]
    public void A_header_writes_the_short_form_below_0x80_and_the_minimal_long_form_from_0x80(int length, string hex) =>
        Assert.Equal(hex, Written(DerWriter.LengthSize(length) + 1, w => w.Header(0x04, length)));

    [Theory]
    [InlineData(0x7FFFFFFFFFFFFFFFUL, 8)]
    [InlineData(0x8000000000000000UL, 9)]
    [InlineData(ulong.MaxValue, 9)]
    public void An_unsigned_value_with_the_top_bit_of_64_set_takes_nine_octets(ulong value, int size) =>
        Assert.Equal(size, DerWriter.UnsignedContentSize(value));

    [Fact]
    public void A_nine_octet_unsigned_value_starts_with_a_zero_pad_octet() =>
        Assert.Equal("0209008000000000000001", Written(11, w => w.Unsigned(0x8000000000000001UL)));
}
