using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Codec.Tests.Der;

namespace PSSslSession.Codec.Tests;

/// <summary>§A.4: bytes OpenSSL 3.0.19's i2d_SSL_SESSION wrote.</summary>
public class GoldenVectorTests
{
    private const string Bare = "3031 020101 02020304 04021301 0400 0400 a10602046553f100 a20402020130 a4020400 a503020101 b104020200ff b303020100";
    private const string Full = "3055 020101 02020304 04021301 040401020304 0404aabbccdd a10602046553f100 a20402021c20 a4050403637478 a503020101 a60b0409612e6578616d706c65 af0402024000 b00404026832 b104020200ff b303020100";

    private static SslSessionBuilder BareBuilder() => new()
    {
        Protocol = SslProtocol.TLSv13,
        Cipher = SslCipher.Parse("TLS_AES_128_GCM_SHA256"),
        StartTimeUnixSeconds = 1_700_000_000,
    };

    private static SslSessionBuilder FullBuilder()
    {
        var b = BareBuilder();
        b.SessionId = H("01020304");
        b.MasterKey = H("aabbccdd");
        b.SessionIdContext = "ctx"u8.ToArray();
        b.ServerName = "a.example";
        b.WithAlpn("h2");
        b.MaxEarlyData = 16384;
        b.TimeoutSeconds = 7200;
        return b;
    }

    [Fact]
    public void Bare_new_session_encodes_to_the_openssl_bytes()
    {
        Assert.Equal(X(H(Bare)), X(SslSessionCodec.Encode(BareBuilder().Build())));
    }

    [Fact]
    public void Full_session_encodes_to_the_openssl_bytes()
    {
        Assert.Equal(X(H(Full)), X(SslSessionCodec.Encode(FullBuilder().Build())));
    }

    [Fact]
    public void Bare_vector_decodes_to_the_fresh_object_defaults()
    {
        var s = SslSessionCodec.Decode(H(Bare));
        Assert.Equal(SslProtocol.TLSv13, s.GetProtocol());
        Assert.Equal(0x1301, s.GetCipher().Code);
        Assert.True(s.GetSessionId().IsEmpty);
        Assert.True(s.MasterKey.IsEmpty);
        Assert.Equal(1_700_000_000, s.StartTimeUnixSeconds);
        Assert.Equal(304, s.TimeoutSeconds);
        Assert.Empty(s.SessionIdContext);
        Assert.Equal(1, s.VerifyResult);
        Assert.Equal(255, s.MaxFragmentLength);
        Assert.Equal(0u, s.KeyExchangeGroupId);
        Assert.Null(s.ServerName);
        Assert.Null(s.Ticket);
        Assert.Null(s.PeerCertificate);
    }

    [Fact]
    public void Full_vector_decodes_every_field()
    {
        var s = SslSessionCodec.Decode(H(Full));
        Assert.Equal("01020304", s.SessionId.ToString());
        Assert.Equal("AABBCCDD", s.MasterKey.Reveal());
        Assert.Equal("ctx", System.Text.Encoding.ASCII.GetString(s.GetSessionIdContext()));
        Assert.Equal("a.example", s.ServerName);
        Assert.Equal("h2", s.Alpn);
        Assert.Equal(16384u, s.MaxEarlyData);
        Assert.Equal(7200, s.TimeoutSeconds);
        Assert.Equal(1_700_000_000, s.StartTimeUnixSeconds);
        Assert.Equal(1, s.VerifyResult);
        Assert.Equal(255, s.MaxFragmentLength);
        Assert.Null(s.PskIdentity);
        Assert.False(s.ExtendedMasterSecret);
    }

    [Theory]
    [InlineData(Bare)]
    [InlineData(Full)]
    public void Golden_vector_re_encodes_byte_identical(string hex)
    {
        Assert.Equal(X(H(hex)), X(SslSessionCodec.Encode(SslSessionCodec.Decode(H(hex)))));
    }

    [Theory]
    [InlineData("tls12-client.pem")]
    [InlineData("tls13-client.pem")]
    public void Session_written_by_s_client_comes_back_byte_identical(string file)
    {
        var pem = File.ReadAllText(DataFile(file));
        var s = Assert.Single(SslSessionPem.ReadAll(pem));
        Assert.Equal(pem, SslSessionPem.Write(s));
    }

    [Fact]
    public void Tls12_client_session_has_the_fields_s_client_writes()
    {
        var s = SslSessionPem.ReadAll(File.ReadAllText(DataFile("tls12-client.pem")))[0];
        Assert.Equal(SslProtocol.TLSv12, s.GetProtocol());
        Assert.Equal(0xC02C, s.GetCipher().Code);
        Assert.Equal(32, s.GetSessionId().Length);
        Assert.Equal(48, s.MasterKey.Length);
        Assert.Equal(7200, s.TimeoutSeconds);
        Assert.NotNull(s.GetPeerCertificateBytes());
        Assert.Equal("CN=codec.test", s.PeerCertificate!.Subject);
        Assert.Equal(18, s.VerifyResult);
        Assert.Equal(7200ul, s.TicketLifetimeHintSeconds);
        Assert.True(s.HasTicket);
        Assert.True(s.ExtendedMasterSecret);
        Assert.Equal("x25519", s.KeyExchangeGroup);
    }

    [Fact]
    public void Rich_session_decodes_every_field()
    {
        var s = SslSessionCodec.Decode(SslSessionCodec.Encode(Rich()));
        Assert.Equal(SslProtocol.TLSv12, s.GetProtocol());
        Assert.Equal("ECDHE-ECDSA-AES256-GCM-SHA384", s.Cipher);
        Assert.Equal("0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F20", s.SessionId.ToString());
        Assert.Equal(string.Concat(Enumerable.Repeat("5A", 48)), s.MasterKey.Reveal());
        Assert.Equal(1_700_000_000, s.StartTimeUnixSeconds);
        Assert.Equal(7200, s.TimeoutSeconds);
        Assert.Equal(Certificate, s.GetPeerCertificateBytes());
        Assert.Equal("ctx"u8.ToArray(), s.GetSessionIdContext());
        Assert.Equal(18, s.VerifyResult);
        Assert.Equal("a.example", s.ServerName);
        Assert.Equal("hint", s.PskIdentityHint);
        Assert.Equal("client-1", s.PskIdentity);
        Assert.Equal(7200ul, s.TicketLifetimeHintSeconds);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (byte)(i * 7)).ToArray(), s.GetTicket());
        Assert.Equal(1, s.Compression);
        Assert.Equal("user", s.SrpUsername);
        Assert.True(s.ExtendedMasterSecret);
        Assert.Equal(0xDEADBEEFu, s.TicketAgeAdd);
        Assert.Equal(16384u, s.MaxEarlyData);
        Assert.Equal("h2", s.Alpn);
        Assert.Equal(0, s.MaxFragmentLength);
        Assert.Equal(new byte[] { 9, 8, 7 }, s.GetTicketAppData());
        Assert.Equal("x25519", s.KeyExchangeGroup);
        Assert.Null(s.PeerRawPublicKey);
    }

    [Fact]
    public void Rich_session_round_trips_through_der()
    {
        var der = SslSessionCodec.Encode(Rich());
        Assert.Equal(X(der), X(SslSessionCodec.Encode(SslSessionCodec.Decode(der))));
    }
}
