using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Codec.Tests.Der;

namespace PSSslSession.Codec.Tests;

/// <summary>§A.3 "not rejected" list and the decoder's defaults.</summary>
public class DecodeAcceptanceTests
{
    private static SslSession Decode(byte[] der, SslSessionDecodeOptions? o = null) => SslSessionCodec.Decode(der, o ?? At(Now));

    [Fact]
    public void Absent_time_becomes_the_decode_clock()
    {
        Assert.Equal(Now.ToUnixTimeSeconds(), Decode(Session()).StartTimeUnixSeconds);
    }

    [Fact]
    public void Explicit_zero_time_becomes_the_decode_clock()
    {
        Assert.Equal(Now.ToUnixTimeSeconds(), Decode(Session(Exp(1, Int("00")))).StartTimeUnixSeconds);
    }

    [Fact]
    public void Absent_timeout_becomes_3_seconds()
    {
        Assert.Equal(3, Decode(Session()).TimeoutSeconds);
    }

    [Fact]
    public void Negative_timeout_is_kept()
    {
        Assert.Equal(-5, Decode(Session(Exp(2, Int("FB")))).TimeoutSeconds);
    }

    [Fact]
    public void Huge_timeout_is_kept()
    {
        Assert.Equal(long.MaxValue, Decode(Session(Exp(2, Int("7FFFFFFFFFFFFFFF")))).TimeoutSeconds);
    }

    [Fact]
    public void Zero_length_integer_body_is_zero()
    {
        Assert.Equal(0, Decode(Session(Exp(5, Tlv(0x02)))).VerifyResult);
    }

    [Fact]
    public void Explicit_zero_verify_result_is_accepted_and_dropped_on_encode()
    {
        var s = Decode(Session(Exp(1, Int("01")), Exp(2, Int("01")), Exp(4, Oct("")), Exp(5, Int("00")), Exp(19, Int("00"))));
        Assert.Equal(0, s.VerifyResult);
        Assert.Equal(X(Session(Exp(1, Int("01")), Exp(2, Int("01")), Exp(4, Oct("")), Exp(19, Int("00")))), X(SslSessionCodec.Encode(s)));
    }

    [Fact]
    public void Key_arg_is_accepted_and_ignored()
    {
        var with = Decode(Session(Tlv(0x80, H("0102")), Exp(1, Int("01")), Exp(2, Int("01")), Exp(4, Oct("")), Exp(19, Int("00"))));
        Assert.Equal(X(Session(Exp(1, Int("01")), Exp(2, Int("01")), Exp(4, Oct("")), Exp(19, Int("00")))), X(SslSessionCodec.Encode(with)));
    }

    [Fact]
    public void Hostname_is_cut_at_the_first_nul()
    {
        Assert.Equal("a.ex", Decode(Session(Exp(6, Oct("612e6578006d706c65")))).ServerName);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(12)]
    public void Psk_and_srp_strings_are_cut_at_the_first_nul(int field)
    {
        var s = Decode(Session(Exp(field, Oct("410042"))));
        Assert.Equal("A", field == 7 ? s.PskIdentityHint : field == 8 ? s.PskIdentity : s.SrpUsername);
    }

    [Fact]
    public void Empty_session_id_and_master_key_are_accepted()
    {
        var s = Decode(Session());
        Assert.True(s.GetSessionId().IsEmpty);
        Assert.True(s.MasterKey.IsEmpty);
    }

    [Fact]
    public void Session_id_of_32_bytes_and_key_of_512_bytes_are_accepted()
    {
        var s = Decode(Seq(Int("01"), Int("0304"), Oct("1301"), Oct(new byte[32]), Oct(new byte[512])));
        Assert.Equal(32, s.GetSessionId().Length);
        Assert.Equal(512, s.MasterKey.Length);
    }

    [Theory]
    [InlineData("00FF", "TLS_EMPTY_RENEGOTIATION_INFO_SCSV")]
    [InlineData("5600", "TLS_FALLBACK_SCSV")]
    public void Scsv_cipher_codes_decode(string code, string name)
    {
        var s = Decode(Seq(Int("01"), Int("0303"), Oct(code), Oct(""), Oct("")));
        Assert.Equal(name, s.Cipher);
    }

    [Theory]
    [InlineData("03FF")]
    [InlineData("00FEFD")]
    [InlineData("0100")]
    [InlineData("0300")]
    public void Protocol_numbers_openssl_accepts_decode(string hex)
    {
        Decode(WithProtocol(hex));
    }

    [Fact]
    public void Unknown_protocol_number_renders_as_unknown()
    {
        Assert.Equal("unknown", Decode(WithProtocol("03FF")).Protocol);
    }

    private static byte[] WithProtocol(string hex) => Seq(Int("01"), Int(hex), Oct("1301"), Oct(""), Oct(""));

    [Fact]
    public void Peer_raw_public_key_is_accepted_by_default()
    {
        Assert.Equal(H("3000"), Decode(Session(Exp(19, Int("00")), Exp(20, Oct("3000")))).GetPeerRawPublicKey());
    }

    [Fact]
    public void Trailing_data_is_ignored_when_allowed()
    {
        var s = SslSessionCodec.Decode(Session().Concat(H("deadbeef")).ToArray(), new SslSessionDecodeOptions { AllowTrailingData = true, Now = Now });
        Assert.Equal(0x1301, s.GetCipher().Code);
    }

    [Fact]
    public void Stream_decode_reports_the_bytes_consumed()
    {
        var one = Session();
        SslSessionCodec.Decode(one.Concat(one).ToArray(), out int used, null);
        Assert.Equal(one.Length, used);
    }

    [Fact]
    public void Long_form_length_with_leading_zero_is_accepted()
    {
        var body = Head.SelectMany(b => b).ToArray();
        var der = new byte[] { 0x30, 0x82, 0x00, (byte)body.Length }.Concat(body).ToArray();
        Assert.Equal(0x1301, Decode(der).GetCipher().Code);
    }

    [Fact]
    public void Empty_element_in_long_form_followed_by_more_bytes_is_accepted()
    {
        var s = Decode(Seq(Int("01"), Int("0304"), Oct("1301"), H("048100"), Oct("")));
        Assert.True(s.GetSessionId().IsEmpty);
    }

    [Fact]
    public void Constructed_octet_string_is_gathered_and_written_back_primitive()
    {
        var s = Decode(Session(Exp(1, Int("01")), Exp(2, Int("01")), Exp(6, Tlv(0x24, Oct("612e"), Oct("6578")))));
        Assert.Equal("a.ex", s.ServerName);
        Assert.Contains(X(Exp(6, Oct("612e6578"))), X(SslSessionCodec.Encode(s)));
    }

    [Fact]
    public void Constructed_key_arg_is_accepted_and_ignored()
    {
        Assert.Null(Decode(Session(Tlv(0xA0, Oct("01")))).ServerName);
    }

    [Fact]
    public void Flags_above_32_bits_are_cut_down()
    {
        Assert.Equal(1u, Decode(Session(Exp(13, Int("0100000001")))).Flags);
    }

    [Fact]
    public void Max_fragment_length_mode_is_cut_to_8_bits()
    {
        Assert.Equal(0x02, Decode(Session(Exp(17, Int("0102")))).MaxFragmentLength);
    }

    [Fact]
    public void Unsigned_64_bit_hint_uses_all_64_bits()
    {
        Assert.Equal(ulong.MaxValue, Decode(Session(Exp(9, Int("00FFFFFFFFFFFFFFFF")))).TicketLifetimeHintSeconds);
    }

    [Fact]
    public void Empty_ticket_and_alpn_are_kept_as_present()
    {
        var s = Decode(Session(Exp(10, Oct("")), Exp(16, Oct(""))));
        Assert.Equal(Array.Empty<byte>(), s.GetTicket());
        Assert.Equal(Array.Empty<byte>(), s.GetAlpnBytes());
    }
}
