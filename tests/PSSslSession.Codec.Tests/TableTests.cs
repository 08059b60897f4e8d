using PSSslSession.Codec;
using Xunit;

namespace PSSslSession.Codec.Tests;

/// <summary>The tables generated from libssl 3.0.19 (tools/*.c).</summary>
public class TableTests
{
    [Theory]
    [InlineData(0x1301, "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256")]
    [InlineData(0xC02C, "ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")]
    [InlineData(0x00FF, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "TLS_EMPTY_RENEGOTIATION_INFO_SCSV")]
    [InlineData(0x5600, "TLS_FALLBACK_SCSV", "TLS_FALLBACK_SCSV")]
    [InlineData(0xCCA8, "ECDHE-RSA-CHACHA20-POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")]
    public void Cipher_table_has_libssl_names(int code, string name, string iana)
    {
        var c = CipherSuites.FromCode((ushort)code)!;
        Assert.Equal(name, c.Name);
        Assert.Equal(iana, c.IanaName);
    }

    [Theory]
    [InlineData(0x0005)] // RC4-SHA: not in libssl 3.0's compiled table
    [InlineData(0x0000)]
    [InlineData(0xFFFF)]
    public void Cipher_code_absent_from_libssl_is_absent(int code)
    {
        Assert.Null(CipherSuites.FromCode((ushort)code));
    }

    [Fact]
    public void Cipher_table_has_every_code_libssl_decodes()
    {
        Assert.Equal(174, CipherSuites.All.Count);
    }

    [Theory]
    [InlineData("ECDHE-RSA-AES128-GCM-SHA256")]
    [InlineData("tls_ecdhe_rsa_with_aes_128_gcm_sha256")]
    [InlineData("C02F")]
    [InlineData("0xC02F")]
    [InlineData("0xC0,0x2F")]
    public void Cipher_parses_from_openssl_name_iana_name_or_hex(string text)
    {
        Assert.Equal(0xC02F, SslCipher.Parse(text).Code);
    }

    [Fact]
    public void Cipher_parse_of_an_unknown_name_throws_format_exception()
    {
        Assert.Throws<FormatException>(() => SslCipher.Parse("RC4-SHA"));
    }

    [Theory]
    [InlineData(0, "ok")]
    [InlineData(1, "unspecified certificate verification error")]
    [InlineData(18, "self-signed certificate")]
    [InlineData(94, "Certificate public key has explicit ECC parameters")]
    [InlineData(95, "unknown certificate verification error")]
    [InlineData(-1, "unknown certificate verification error")]
    [InlineData(100000, "unknown certificate verification error")]
    public void Verify_result_text_matches_x509_verify_cert_error_string(long code, string text)
    {
        Assert.Equal(text, VerifyResults.Text(code));
    }

    [Theory]
    [InlineData(0x1D, "x25519")]
    [InlineData(0x1E, "x448")]
    [InlineData(0x17, "secp256r1")]
    [InlineData(0x1A, "brainpoolP256r1")]
    [InlineData(0x100, "ffdhe2048")]
    [InlineData(0x11EC, "0x11EC")]
    public void Group_name_matches_ssl_group_to_name_or_hex(uint id, string name)
    {
        Assert.Equal(name, TlsGroups.Name(id));
    }

    [Theory]
    [InlineData(0x0000)]
    [InlineData(0x0020)]
    [InlineData(0x00FF)]
    [InlineData(0xFFFF)]
    public void Group_ids_openssl_does_not_name_show_as_hex(uint id)
    {
        Assert.Equal($"0x{id:X4}", TlsGroups.Name(id));
    }

    [Fact]
    public void Group_names_are_listed_in_iana_id_order()
    {
        var names = TlsGroups.Names;
        Assert.Equal("sect163k1", names[0]);
        Assert.Equal("ffdhe8192", names[^1]);
        Assert.Equal(names.Select(n => TlsGroups.Id(n)!.Value).OrderBy(id => id), names.Select(n => TlsGroups.Id(n)!.Value));
    }

    [Theory]
    [InlineData("x25519", 0x1D)]
    [InlineData("SECP256R1", 0x17)]
    [InlineData("ffdhe2048", 0x100)]
    public void A_group_name_gives_its_iana_id_in_any_case(string name, int id)
    {
        Assert.Equal((ushort)id, TlsGroups.Id(name));
    }

    [Fact]
    public void An_unknown_group_name_has_no_id()
    {
        Assert.Null(TlsGroups.Id("x99999"));
    }
}
