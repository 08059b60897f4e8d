using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>What a session and a context show: ids and bytes as hex, names, and the typed values behind them.</summary>
public class SessionViewTests
{
    [Fact]
    public void A_session_shows_its_id_as_uppercase_hex_and_gives_the_value()
    {
        var s = Sessions.Make(1, 0);
        Assert.Equal(Sessions.Id(1).ToString(), s.SessionId);
        Assert.Equal(Sessions.Id(1), s.GetSessionId());
        Assert.Matches("^[0-9A-F]{64}$", s.SessionId);
    }

    [Fact]
    public void A_session_shows_protocol_and_cipher_by_name()
    {
        var s = Sessions.Make(1, 0, protocol: SslProtocol.TLSv12);
        Assert.Equal("TLSv1.2", s.Protocol);
        Assert.Equal(0x0303, s.ProtocolVersion);
        Assert.Equal("ECDHE-ECDSA-AES256-GCM-SHA384", s.Cipher);
        Assert.Equal("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", s.CipherIanaName);
        Assert.Equal(0x0300C02Cu, s.CipherId);
        Assert.Equal(SslProtocol.TLSv12, s.GetProtocol());
    }

    [Fact]
    public void A_session_shows_its_ticket_as_hex_and_gives_a_copy_of_the_bytes()
    {
        var s = Sessions.Make(1, 0, ticket: new byte[] { 0xAB, 0x01 });
        Assert.Equal("AB01", s.Ticket);
        var copy = s.GetTicket()!;
        copy[0] = 0;
        Assert.Equal(new byte[] { 0xAB, 0x01 }, s.GetTicket());
    }

    [Fact]
    public void A_lookup_result_shows_the_id_as_hex()
    {
        var ctx = new SslContext("t", new FakeClock());
        var result = ctx.Lookup(Sessions.Id(7));
        Assert.Equal(Sessions.Id(7).ToString(), result.SessionId);
        Assert.Equal(Sessions.Id(7), result.GetSessionId());
    }

    [Fact]
    public void A_callback_registration_shows_its_description()
    {
        var ctx = new SslContext("t");
        Assert.Equal("{ 'x' }", ctx.RegisterNewCallback((_, _) => { }, "{ 'x' }").Description);
    }
}
