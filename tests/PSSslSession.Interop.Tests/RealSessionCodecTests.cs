using PSSslSession.Codec;
using PSSslSession.Interop.Tests.Infrastructure;
using Xunit;

namespace PSSslSession.Interop.Tests;

/// <summary>Sessions that openssl s_client wrote, through our codec.</summary>
[Collection(OpenSslServerCollection.Name)]
public sealed class RealSessionCodecTests(OpenSslServer server)
{
    [Theory]
    [MemberData(nameof(SessionKinds.All), MemberType = typeof(SessionKinds))]
    public async Task Decoding_then_encoding_a_real_session_gives_back_its_DER(SessionKind kind)
    {
        var real = await server.Sessions.GetAsync(kind);

        var encoded = SslSessionCodec.Encode(SslSessionCodec.Decode(real.Der));

        Assert.Equal(Convert.ToHexString(real.Der), Convert.ToHexString(encoded));
    }

    [Theory]
    [MemberData(nameof(SessionKinds.All), MemberType = typeof(SessionKinds))]
    public async Task Reading_the_PEM_file_s_client_wrote_gives_the_session_of_its_DER(SessionKind kind)
    {
        var real = await server.Sessions.GetAsync(kind);

        var sessions = SslSessionPem.ReadAll(real.Pem);

        var session = Assert.Single(sessions);
        Assert.Equal(Convert.ToHexString(real.Der), Convert.ToHexString(SslSessionCodec.Encode(session)));
    }

    [Theory]
    [MemberData(nameof(SessionKinds.All), MemberType = typeof(SessionKinds))]
    public async Task A_decoded_session_names_the_protocol_and_cipher_s_client_negotiated(SessionKind kind)
    {
        var real = await server.Sessions.GetAsync(kind);

        var session = SslSessionCodec.Decode(real.Der);

        Assert.Equal(real.Handshake.Protocol, session.Protocol);
        Assert.Equal(real.Handshake.Cipher, session.Cipher);
    }

    [Fact]
    public async Task A_TLS_1_2_session_id_session_carries_its_id_ALPN_and_peer_certificate_and_no_ticket()
    {
        var session = SslSessionCodec.Decode((await server.Sessions.GetAsync(SessionKind.Tls12SessionId)).Der);

        Assert.Equal(32, session.GetSessionId().Length);
        Assert.Equal(48, session.MasterKey.Length);
        Assert.Equal("h2", session.Alpn);
        Assert.False(session.HasTicket);
        Assert.True(session.ExtendedMasterSecret);
        Assert.Equal("CN=localhost", session.PeerCertificate?.Subject);
        Assert.Equal(7200, session.TimeoutSeconds);
    }

    [Fact]
    public async Task A_TLS_1_3_ticket_session_carries_ticket_lifetime_hint_and_age_add()
    {
        var session = SslSessionCodec.Decode((await server.Sessions.GetAsync(SessionKind.Tls13Ticket)).Der);

        Assert.True(session.HasTicket);
        Assert.Equal(7200UL, session.TicketLifetimeHintSeconds);
        Assert.NotEqual(0U, session.TicketAgeAdd);
        Assert.Equal("http/1.1", session.Alpn);
        Assert.False(session.ExtendedMasterSecret);
    }
}
