using PSSslSession.Codec;
using PSSslSession.Engine;
using Xunit;

namespace PSSslSession.Commands.Tests;

public class InstantAndTargetTests
{
    [Fact]
    public void A_UTC_DateTime_is_the_same_instant()
    {
        var utc = new DateTime(2026, 11, 22, 6, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTimeOffset(utc), InstantInput.ToInstant(utc));
    }

    [Fact]
    public void A_local_DateTime_is_converted_to_UTC()
    {
        var local = new DateTime(2026, 11, 22, 6, 0, 0, DateTimeKind.Local);
        Assert.Equal(local.ToUniversalTime(), InstantInput.ToInstant(local).UtcDateTime);
    }

    [Fact]
    public void An_unspecified_DateTime_is_read_as_local()
    {
        var unspecified = new DateTime(2026, 11, 22, 6, 0, 0, DateTimeKind.Unspecified);
        Assert.Equal(DateTime.SpecifyKind(unspecified, DateTimeKind.Local).ToUniversalTime(), InstantInput.ToInstant(unspecified).UtcDateTime);
    }

    [Fact]
    public void A_session_target_names_its_id_and_protocol()
    {
        var s = new SslSessionBuilder { Protocol = SslProtocol.TLSv12, Cipher = SslCipher.Parse("ECDHE-RSA-AES128-GCM-SHA256"), SessionId = new byte[] { 0xAB, 0x01 } }.Build();
        Assert.Equal("AB01 (TLSv1.2)", ShouldProcessTarget.Of(s));
    }

    [Fact]
    public void A_ticket_only_session_target_says_it_has_no_id()
    {
        var s = new SslSessionBuilder { Protocol = SslProtocol.TLSv13, Cipher = SslCipher.Parse("TLS_AES_128_GCM_SHA256"), Ticket = new byte[] { 1 } }.Build();
        Assert.Equal("(ticket, no id) (TLSv1.3)", ShouldProcessTarget.Of(s));
    }

    [Fact]
    public void A_context_target_quotes_its_name()
    {
        Assert.Equal("context 'web'", ShouldProcessTarget.Of(new SslContext("web")));
    }
}
