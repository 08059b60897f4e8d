using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>Field note 5: peer verification with an empty session-id context is an error, not a silent miss.</summary>
public class VerifyPeerTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void A_lookup_that_finds_a_session_fails_with_SessionIdContextUninitialized()
    {
        var ctx = new SslContext("t", _clock) { VerifyPeer = true };
        ctx.Add(Sessions.Make(_clock, 1));
        var e = Assert.Throws<SslContextException>(() => ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13));
        Assert.Equal(SslContextError.SessionIdContextUninitialized, e.Reason);
    }

    [Fact]
    public void With_a_session_id_context_peer_verification_resumes_normally()
    {
        var ctx = new SslContext("t", _clock) { VerifyPeer = true };
        ctx.SetSessionIdContext(new byte[] { 1 });
        ctx.Add(Sessions.Make(_clock, 1, sidCtx: new byte[] { 1 }));
        Assert.Equal(SslLookupOutcome.Hit, ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13).Outcome);
    }

    [Fact]
    public void A_server_handshake_does_not_store_a_session_without_a_context()
    {
        var ctx = new SslContext("t", _clock) { VerifyPeer = true };
        Assert.False(ctx.CompleteHandshake(Sessions.Make(_clock, 1), SslRole.Server).Cached);
        Assert.True(ctx.CompleteHandshake(Sessions.Make(_clock, 2, sidCtx: new byte[] { 1 }), SslRole.Server).Cached);
    }
}
