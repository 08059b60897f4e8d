using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Codec.Tests.Der;

namespace PSSslSession.Codec.Tests;

/// <summary>i2d_SSL_SESSION's writing rules (§A.1).</summary>
public class EncodeTests
{
    private static SslSessionBuilder Minimal() => new()
    {
        Cipher = SslCipher.Parse("0x1301"),
        StartTimeUnixSeconds = 1,
        TimeoutSeconds = 1,
        VerifyResult = 0,
        MaxFragmentLength = 0,
    };

    private static string Encode(SslSessionBuilder b) => X(SslSessionCodec.Encode(b.Build()));

    [Fact]
    public void Zero_z_fields_are_left_out()
    {
        Assert.Equal(X(Session(Exp(1, Int("01")), Exp(2, Int("01")), Exp(4, Oct("")), Exp(19, Int("00")))), Encode(Minimal()));
    }

    [Fact]
    public void Kex_group_zero_is_always_written()
    {
        Assert.EndsWith("b303020100", Encode(Minimal()));
    }

    [Fact]
    public void Empty_session_id_context_is_always_written()
    {
        Assert.Contains("a4020400", Encode(Minimal()));
    }

    [Fact]
    public void Missing_context_and_kex_group_are_added_on_re_encode()
    {
        var s = SslSessionCodec.Decode(Session(Exp(1, Int("01")), Exp(2, Int("01"))));
        Assert.Equal(X(Session(Exp(1, Int("01")), Exp(2, Int("01")), Exp(4, Oct("")), Exp(19, Int("00")))), X(SslSessionCodec.Encode(s)));
    }

    [Fact]
    public void Unsigned_value_with_top_bit_set_gets_a_zero_pad()
    {
        var b = Minimal();
        b.TicketAgeAdd = 0xDEADBEEF;
        Assert.Contains(X(Exp(14, Int("00DEADBEEF"))), Encode(b));
    }

    [Fact]
    public void Negative_timeout_of_a_decoded_session_is_written_in_twos_complement()
    {
        var s = SslSessionCodec.Decode(Session(Exp(1, Int("01")), Exp(2, Int("FB"))));
        Assert.Contains(X(Exp(2, Int("FB"))), X(SslSessionCodec.Encode(s)));
    }

    [Fact]
    public void Max_fragment_length_255_is_written_as_a_padded_integer()
    {
        var b = Minimal();
        b.MaxFragmentLength = 255;
        Assert.Contains("b104020200ff", Encode(b));
    }

    [Fact]
    public void Every_optional_field_is_written_in_tag_order()
    {
        var der = SslSessionCodec.Encode(Rich());
        var tags = new List<byte>();
        int pos = 2 + (der[1] & 0x80) switch { 0 => 0, _ => der[1] & 0x7F };
        while (pos < der.Length)
        {
            tags.Add(der[pos]);
            int len = der[pos + 1], hdr = 2;
            if (len >= 0x80) { int n = len & 0x7F; len = 0; for (int i = 0; i < n; i++) len = len << 8 | der[pos + 2 + i]; hdr += n; }
            pos += hdr + len;
        }
        Assert.Equal(new byte[] { 0x02, 0x02, 0x04, 0x04, 0x04, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF, 0xB0, 0xB2, 0xB3 }, tags);
    }

    [Fact]
    public void Peer_raw_public_key_is_written_last_when_present()
    {
        var b = Minimal();
        b.PeerRawPublicKey = H("3000");
        Assert.EndsWith("b303020100" + X(Exp(20, Oct("3000"))), Encode(b));
    }

    [Fact]
    public void Encoded_length_matches_the_encoding()
    {
        var s = Rich();
        Assert.Equal(SslSessionCodec.Encode(s).Length, s.EncodedLength);
    }

    [Fact]
    public void Encode_of_null_is_an_argument_null_exception() =>
        Assert.Throws<ArgumentNullException>(() => SslSessionCodec.Encode(null!));

    [Fact]
    public void Encoded_length_of_null_is_an_argument_null_exception() =>
        Assert.Throws<ArgumentNullException>(() => SslSessionCodec.EncodedLength(null!));

    [Fact]
    public void A_ticket_lifetime_hint_with_the_top_bit_set_is_written_in_nine_octets()
    {
        var b = Minimal();
        b.TicketLifetimeHintSeconds = 0x8000000000000001UL;
        Assert.Contains(X(Exp(9, Int("008000000000000001"))), Encode(b));
    }
}
