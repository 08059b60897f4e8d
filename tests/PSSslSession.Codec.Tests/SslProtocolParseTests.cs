using PSSslSession.Codec;
using Xunit;

namespace PSSslSession.Codec.Tests;

/// <summary>SslProtocol: OpenSSL's names, the forms Parse accepts, and what a version says about itself.</summary>
public class SslProtocolParseTests
{
    [Fact]
    public void Known_names_are_openssls_names_newest_tls_first() =>
        Assert.Equal(new[] { "TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1", "SSLv3", "DTLSv1.2", "DTLSv1", "DTLSv0.9" }, SslProtocol.KnownNames);

    [Theory]
    [InlineData(0x0304, "TLSv1.3")]
    [InlineData(0x0303, "TLSv1.2")]
    [InlineData(0x0302, "TLSv1.1")]
    [InlineData(0x0301, "TLSv1")]
    [InlineData(0x0300, "SSLv3")]
    [InlineData(0x0100, "DTLSv0.9")]
    [InlineData(0xFEFF, "DTLSv1")]
    [InlineData(0xFEFD, "DTLSv1.2")]
    [InlineData(0x0305, "unknown")]
    public void A_wire_number_has_openssls_name(int number, string name) =>
        Assert.Equal(name, SslProtocol.NameOf(number));

    [Theory]
    [InlineData("TLS1.2", 0x0303)]
    [InlineData("Tls12", 0x0303)]
    [InlineData("TLS_1_2", 0x0303)]
    [InlineData("tlsv1.0", 0x0301)]
    [InlineData("SSLv3", 0x0300)]
    [InlineData("DTLSv0.9", 0x0100)]
    [InlineData("DTLS1.0", 0xFEFF)]
    [InlineData("dtls_1_2", 0xFEFD)]
    public void A_name_parses_with_or_without_v_dots_and_underscores_in_any_case(string text, int number) =>
        Assert.Equal(number, SslProtocol.Parse(text).Number);

    [Theory]
    [InlineData("0x0303", 0x0303)]
    [InlineData("0X0304", 0x0304)]
    [InlineData("0x0", 0)]
    [InlineData("0xFFFF", 0xFFFF)]
    public void A_hex_number_from_0_to_0xFFFF_parses_to_that_wire_number(string text, int number) =>
        Assert.Equal(number, SslProtocol.Parse(text).Number);

    [Theory]
    [InlineData("771", 0x0303)]
    [InlineData("0", 0)]
    [InlineData("65535", 0xFFFF)]
    public void A_decimal_number_up_to_65535_parses_to_that_wire_number(string text, int number) =>
        Assert.Equal(number, SslProtocol.Parse(text).Number);

    [Theory]
    [InlineData("0x10000")]
    [InlineData("0xFFFFFFFF")]
    [InlineData("0xZZ")]
    [InlineData("0x")]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("TLSv9")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Anything_else_is_not_a_protocol_version(string? text) =>
        Assert.False(SslProtocol.TryParse(text, out _));

    [Fact]
    public void The_parse_error_names_the_text_and_the_accepted_forms()
    {
        var e = Assert.Throws<FormatException>(() => SslProtocol.Parse("TLSv9"));
        Assert.Contains("'TLSv9'", e.Message);
        Assert.Contains("TLSv1.3", e.Message);
        Assert.Contains("0x0303", e.Message);
    }

    [Theory]
    [InlineData(0x0304, true)]
    [InlineData(0x0303, false)]
    [InlineData(0xFEFD, false)]
    public void Only_0x0304_is_tls13(int number, bool expected) =>
        Assert.Equal(expected, new SslProtocol(number).IsTls13);
}
