using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Codec.Tests.Der;

namespace PSSslSession.Codec.Tests;

/// <summary>SslSessionBuilder: the limits Build enforces (as the decoder does), its defaults, and its setters.</summary>
public class SslSessionBuilderTests
{
    private static SslSessionBuilder Valid() => new()
    {
        Cipher = SslCipher.Parse("TLS_AES_128_GCM_SHA256"),
        StartTimeUnixSeconds = 1_700_000_000,
    };

    private static SslSessionFormatException Refused(SslSessionBuilder b, SslSessionFormatError reason)
    {
        var e = Assert.Throws<SslSessionFormatException>(() => b.Build());
        Assert.Equal(reason, e.Reason);
        return e;
    }

    [Fact]
    public void A_session_without_a_cipher_is_refused_as_unknown_cipher()
    {
        var b = Valid();
        b.Cipher = null;
        Assert.Contains("cipher suite", Refused(b, SslSessionFormatError.UnknownCipher).Message);
    }

    [Fact]
    public void A_protocol_the_format_cannot_carry_is_refused_with_its_number()
    {
        var b = Valid();
        b.Protocol = new SslProtocol(0x0200);
        Assert.Contains("0x0200", Refused(b, SslSessionFormatError.UnsupportedSslVersion).Message);
    }

    [Fact]
    public void A_session_id_of_33_bytes_is_refused_with_its_length()
    {
        var b = Valid();
        b.SessionId = new byte[33];
        Assert.Contains("33 bytes", Refused(b, SslSessionFormatError.SessionIdTooLong).Message);
    }

    [Fact]
    public void A_master_key_of_exactly_512_bytes_is_accepted()
    {
        var b = Valid();
        b.MasterKey = new byte[512];
        Assert.Equal(512, b.Build().MasterKey.Length);
    }

    [Fact]
    public void A_master_key_of_513_bytes_is_refused_with_its_length_and_the_limit()
    {
        var b = Valid();
        b.MasterKey = new byte[513];
        var e = Refused(b, SslSessionFormatError.MasterKeyTooLong);
        Assert.Contains("513 bytes", e.Message);
        Assert.Contains("512", e.Message);
    }

    [Fact]
    public void A_session_id_context_of_exactly_32_bytes_is_accepted()
    {
        var b = Valid();
        b.SessionIdContext = new byte[32];
        Assert.Equal(32, b.Build().GetSessionIdContext().Length);
    }

    [Fact]
    public void A_session_id_context_of_33_bytes_is_refused_with_its_length()
    {
        var b = Valid();
        b.SessionIdContext = new byte[33];
        Assert.Contains("33 bytes", Refused(b, SslSessionFormatError.SessionIdContextTooLong).Message);
    }

    [Fact]
    public void A_zero_timeout_is_accepted()
    {
        var b = Valid();
        b.TimeoutSeconds = 0;
        Assert.Equal(0, b.Build().TimeoutSeconds);
    }

    [Fact]
    public void A_negative_timeout_is_refused_as_malformed()
    {
        var b = Valid();
        b.TimeoutSeconds = -1;
        Assert.Contains("negative", Refused(b, SslSessionFormatError.Malformed).Message);
    }

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void A_verify_result_at_either_end_of_32_bits_is_accepted(long verify)
    {
        var b = Valid();
        b.VerifyResult = verify;
        Assert.Equal(verify, b.Build().VerifyResult);
    }

    [Theory]
    [InlineData(int.MinValue - 1L)]
    [InlineData(int.MaxValue + 1L)]
    public void A_verify_result_beyond_32_bits_is_refused_with_its_value(long verify)
    {
        var b = Valid();
        b.VerifyResult = verify;
        Assert.Contains(verify.ToString(System.Globalization.CultureInfo.InvariantCulture), Refused(b, SslSessionFormatError.Malformed).Message);
    }

    [Fact]
    public void A_peer_certificate_that_is_not_der_x509_is_refused()
    {
        var b = Valid();
        b.PeerCertificate = new byte[] { 0x30, 0x03, 0x02, 0x01, 0x00 };
        Assert.Contains("certificate", Refused(b, SslSessionFormatError.BadPeerCertificate).Message);
    }

    [Fact]
    public void Without_a_start_time_the_session_starts_at_the_given_now()
    {
        var b = Valid();
        b.StartTimeUnixSeconds = null;
        Assert.Equal(1_234_567_890, b.Build(DateTimeOffset.FromUnixTimeSeconds(1_234_567_890)).StartTimeUnixSeconds);
    }

    [Theory]
    [InlineData(0u, false)]
    [InlineData(1u, true)]
    [InlineData(2u, false)]
    [InlineData(3u, true)]
    public void Extended_master_secret_reads_bit_0x1_of_the_flags(uint flags, bool expected) =>
        Assert.Equal(expected, new SslSessionBuilder { Flags = flags }.ExtendedMasterSecret);

    [Fact]
    public void Clearing_extended_master_secret_clears_only_its_bit()
    {
        var b = new SslSessionBuilder { Flags = 3 };
        b.ExtendedMasterSecret = false;
        Assert.Equal(2u, b.Flags);
    }

    [Fact]
    public void Setting_extended_master_secret_keeps_the_other_bits()
    {
        var b = new SslSessionBuilder { Flags = 2 };
        b.ExtendedMasterSecret = true;
        Assert.Equal(3u, b.Flags);
    }

    [Fact]
    public void With_alpn_sets_the_protocol_names_ascii_bytes() =>
        Assert.Equal("h2"u8.ToArray(), new SslSessionBuilder().WithAlpn("h2").Alpn);

    [Fact]
    public void With_alpn_null_clears_the_alpn()
    {
        var b = new SslSessionBuilder().WithAlpn("h2");
        Assert.Null(b.WithAlpn(null).Alpn);
    }

    [Theory]
    [InlineData("a.example\0evil", "a.example")]
    [InlineData("\0evil", "")]
    [InlineData("a.example", "a.example")]
    public void A_text_field_is_cut_at_its_first_nul_as_a_c_string(string given, string stored)
    {
        var b = Valid();
        b.ServerName = given;
        Assert.Equal(stored, b.Build().ServerName);
    }

    [Fact]
    public void A_builder_from_a_session_builds_the_same_session() =>
        Assert.Equal(X(SslSessionCodec.Encode(Rich())), X(SslSessionCodec.Encode(Rich().ToBuilder().Build())));
}
