using PSSslSession.Codec;
using Xunit;

namespace PSSslSession.Codec.Tests;

/// <summary>SslCipher and CipherSuites.TryParse: the forms a suite is named in, and what a suite says about itself.</summary>
public class SslCipherTests
{
    [Theory]
    [InlineData("0XC02F")]
    [InlineData("C0:2F")]
    [InlineData("C0 2F")]
    [InlineData("0xC0, 0x2F")]
    public void A_hex_code_parses_with_upper_case_0X_colons_or_blanks_between_the_bytes(string text) =>
        Assert.Equal(0xC02F, SslCipher.Parse(text).Code);

    [Theory]
    [InlineData("FF", 0x00FF)]
    [InlineData("0x5600", 0x5600)]
    public void A_hex_code_of_fewer_than_four_digits_is_read_as_a_number(string text, int code) =>
        Assert.Equal(code, SslCipher.Parse(text).Code);

    [Theory]
    [InlineData("0C02F")]
    [InlineData("0x00C02F")]
    public void A_hex_code_of_more_than_four_digits_is_refused(string text) =>
        Assert.False(SslCipher.TryParse(text, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Null_empty_or_blank_text_names_no_cipher(string? text)
    {
        Assert.False(CipherSuites.TryParse(text, out var cipher));
        Assert.Null(cipher);
    }

    [Fact]
    public void The_parse_error_names_the_text_and_the_accepted_forms()
    {
        var e = Assert.Throws<FormatException>(() => SslCipher.Parse("RC4-SHA"));
        Assert.Contains("'RC4-SHA'", e.Message);
        Assert.Contains("OpenSSL name", e.Message);
        Assert.Contains("IANA name", e.Message);
        Assert.Contains("hex code", e.Message);
    }

    [Theory]
    [InlineData(0xC02C, 0x0300C02Cu)]
    [InlineData(0x1301, 0x03001301u)]
    public void The_openssl_id_is_0x03000000_or_the_code(int code, uint id) =>
        Assert.Equal(id, SslCipher.FromCode((ushort)code)!.Id);

    [Theory]
    [InlineData(0x00FF, true)]
    [InlineData(0x5600, true)]
    [InlineData(0xC02C, false)]
    [InlineData(0x1301, false)]
    public void Only_the_two_scsvs_are_signalling_values(int code, bool expected) =>
        Assert.Equal(expected, SslCipher.FromCode((ushort)code)!.IsSignalingValue);

    [Theory]
    [InlineData(0x1301, true)]
    [InlineData(0x1303, true)]
    [InlineData(0xC02C, false)]
    [InlineData(0x00FF, false)]
    public void Only_0x13xx_suites_are_tls13_suites(int code, bool expected) =>
        Assert.Equal(expected, SslCipher.FromCode((ushort)code)!.IsTls13);

    [Fact]
    public void A_suite_equals_the_suite_with_the_same_code() =>
        Assert.True(SslCipher.Parse("0xC02F").Equals(SslCipher.Parse("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")));

    [Fact]
    public void A_suite_differs_from_a_suite_with_another_code() =>
        Assert.False(SslCipher.Parse("0xC02F").Equals(SslCipher.Parse("0xC02C")));

    [Fact]
    public void A_suite_differs_from_null() =>
        Assert.False(SslCipher.Parse("0xC02F").Equals((SslCipher?)null));
}
