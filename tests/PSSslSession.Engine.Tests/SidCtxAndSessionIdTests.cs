using System.Text;
using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>sid_ctx checks of lookups, tags that start over, id generation limits and the messages of refused ids.</summary>
public class SidCtxAndSessionIdTests
{
    private readonly FakeClock _clock = new();
    private static readonly byte[] Web = Encoding.ASCII.GetBytes("web"), Mail = Encoding.ASCII.GetBytes("mail");

    [Fact]
    public void A_lookup_with_an_explicit_session_id_context_of_another_tenant_is_a_ContextMismatch_for_a_cached_session()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdContext(Web);
        var s = Sessions.Make(_clock, 1, sidCtx: Web);
        ctx.Add(s);

        Assert.Equal(SslLookupOutcome.ContextMismatch, ctx.Lookup(s.GetSessionId(), SslProtocol.TLSv13, Mail).Outcome);
        Assert.Equal(SslLookupOutcome.Hit, ctx.Lookup(s.GetSessionId(), SslProtocol.TLSv13, Web).Outcome);
    }

    [Fact]
    public void A_lookup_session_id_context_of_33_bytes_is_refused_naming_its_length_and_the_limit()
    {
        var ctx = new SslContext("t", _clock);
        var e = Assert.Throws<SslContextException>(() => ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13, new byte[33]));
        Assert.Equal(SslContextError.SessionIdContextTooLong, e.Reason);
        Assert.Contains("33 bytes; at most 32", e.Message);
    }

    [Fact]
    public void A_lookup_session_id_context_of_32_bytes_is_accepted()
    {
        var ctx = new SslContext("t", _clock);
        Assert.Equal(SslLookupOutcome.Miss, ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13, new byte[32]).Outcome);
    }

    [Fact]
    public void A_get_callback_session_of_another_session_id_context_is_a_fault_that_says_so()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdContext(Web);
        ctx.RegisterGetCallback((_, _) => Sessions.Make(_clock, 1, sidCtx: Mail));
        var fault = Assert.Single(ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13).Faults);
        Assert.Contains("of another session id context; that session was not used", fault.Exception.Message);
    }

    [Fact]
    public void A_get_callback_session_that_enters_a_full_cache_reports_the_evicted_one()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Configure(new SslContextSettings { CacheSize = 1 });
        var old = Sessions.Make(_clock, 1);
        ctx.Add(old);
        var removed = new List<(SslSession, SessionRemovalReason)>();
        ctx.RegisterRemoveCallback((_, s, why) => removed.Add((s, why)));
        ctx.RegisterGetCallback((_, _) => Sessions.Make(_clock, 2, timeout: 600));

        Assert.Equal(SslLookupOutcome.CallbackHit, ctx.Lookup(Sessions.Id(2), SslProtocol.TLSv13).Outcome);

        Assert.Equal((old, SessionRemovalReason.Evicted), Assert.Single(removed));
    }

    [Fact]
    public void Verifying_peers_without_a_session_id_context_names_the_context_and_the_fix()
    {
        var ctx = new SslContext("web-front", _clock) { VerifyPeer = true };
        ctx.Add(Sessions.Make(_clock, 1));
        var e = Assert.Throws<SslContextException>(() => ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13));
        Assert.Contains("'web-front' verifies peers but has no session id context", e.Message);
        Assert.Contains("Set a session id context.", e.Message);
    }

    [Fact]
    public void Sessions_found_under_several_protocols_are_listed_latest_expiry_first()
    {
        var ctx = new SslContext("t", _clock);
        var early = Sessions.Make(1, _clock.Seconds, 100, SslProtocol.TLSv12);
        var late = Sessions.Make(1, _clock.Seconds, 900, SslProtocol.TLSv13);
        ctx.Add(early);
        ctx.Add(late);
        Assert.Equal(new[] { late, early }, ctx.FindSessions(Sessions.Id(1)));

        var ctx2 = new SslContext("t2", _clock);
        ctx2.Add(late);
        ctx2.Add(early);
        Assert.Equal(new[] { late, early }, ctx2.FindSessions(Sessions.Id(1)));
    }

    [Fact]
    public void A_lookup_without_protocol_resumes_the_session_of_the_id_that_expires_last()
    {
        foreach (var order in new[] { false, true })
        {
            var ctx = new SslContext("t", _clock);
            var early = Sessions.Make(1, _clock.Seconds, 100, SslProtocol.TLSv12);
            var late = Sessions.Make(1, _clock.Seconds, 900, SslProtocol.TLSv13);
            if (order) { ctx.Add(late); ctx.Add(early); } else { ctx.Add(early); ctx.Add(late); }
            Assert.Same(late, ctx.Lookup(Sessions.Id(1)).Session);
        }
    }

    [Fact]
    public void After_the_tags_start_over_no_new_session_id_context_resumes_a_session_of_an_old_one()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdContext(Web);
        var s = Sessions.Make(_clock, 1, sidCtx: Web);
        ctx.Add(s);
        for (int i = 0; i < 600; i++)
        {
            ctx.SetSessionIdContext(Encoding.ASCII.GetBytes("m" + i));
            Assert.Equal(SslLookupOutcome.ContextMismatch, ctx.Lookup(s.GetSessionId(), SslProtocol.TLSv13).Outcome);
        }
        ctx.SetSessionIdContext(Web);
        Assert.Equal(SslLookupOutcome.Hit, ctx.Lookup(s.GetSessionId(), SslProtocol.TLSv13).Outcome);
    }

    [Fact]
    public void A_context_does_not_share_its_cache_with_null()
    {
        var ctx = new SslContext("t", _clock);
        Assert.False(ctx.SharesCacheWith(null!));
        Assert.Empty(ctx.SharedWith);
    }

    [Fact]
    public void A_closed_member_of_a_cache_still_used_by_others_cannot_be_joined_through()
    {
        var host = new SslContext("host", _clock);
        var other = new SslContext("other", _clock, shareCacheWith: host);
        host.Close();
        var e = Assert.Throws<SslContextException>(() => new SslContext("late", _clock, shareCacheWith: host));
        Assert.Equal(SslContextError.ContextClosed, e.Reason);
        Assert.Contains("'host' was closed; its cache cannot be shared", e.Message);
        Assert.Empty(other.SharedWith);
    }

    [Fact]
    public void A_one_byte_session_id_can_be_generated()
    {
        var ctx = new SslContext("t", _clock);
        Assert.Equal(1, ctx.GenerateSessionId(1).Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void A_session_id_length_outside_1_to_32_is_refused_naming_the_request(int length)
    {
        var ctx = new SslContext("t", _clock);
        var e = Assert.Throws<SslContextException>(() => ctx.GenerateSessionId(length));
        Assert.Equal(SslContextError.InvalidSessionIdLength, e.Reason);
        Assert.Contains($"1 to 32 bytes; {length} was requested", e.Message);
    }

    [Fact]
    public void A_prefix_that_leaves_no_random_byte_is_refused_naming_both_lengths()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdPrefix(new byte[] { 1, 2, 3, 4 });
        var e = Assert.Throws<SslContextException>(() => ctx.GenerateSessionId(4));
        Assert.Contains("prefix is 4 bytes and leaves no random byte in a 4-byte id", e.Message);
    }

    [Fact]
    public void A_generator_that_keeps_returning_a_cached_id_ends_in_a_conflict_that_says_so()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Add(Sessions.Make(_clock, 1));
        ctx.SetSessionIdGenerator((_, _) => Sessions.IdBytes(1));
        var e = Assert.Throws<SslContextException>(() => ctx.GenerateSessionId());
        Assert.Equal(SslContextError.SessionIdConflict, e.Reason);
        Assert.Contains("generated session ids were all already cached (SSL_R_SSL_SESSION_ID_CONFLICT).", e.Message);
        Assert.DoesNotContain("given out", e.Message);
    }

    [Fact]
    public void A_generator_whose_ids_were_all_given_out_ends_in_a_conflict_that_names_the_given_out_ids()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdGenerator((_, _) => Sessions.IdBytes(7));
        var e = Assert.Throws<SslContextException>(() => ctx.GenerateSessionId(32, _ => true));
        Assert.Contains("already cached or already given out", e.Message);
    }

    [Fact]
    public void A_generator_that_throws_is_reported_with_its_message()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdGenerator((_, _) => throw new InvalidOperationException("entropy pool empty"));
        var e = Assert.Throws<SslContextException>(() => ctx.GenerateSessionId());
        Assert.Equal(SslContextError.SessionIdCallbackFailed, e.Reason);
        Assert.Contains("The session id generator failed: entropy pool empty", e.Message);
    }

    [Fact]
    public void A_generator_that_returns_nothing_is_reported()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdGenerator((_, _) => null!);
        var e = Assert.Throws<SslContextException>(() => ctx.GenerateSessionId());
        Assert.Contains("returned no id", e.Message);
    }

    [Fact]
    public void A_generator_that_returns_too_many_bytes_is_reported_with_both_lengths()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdGenerator((_, _) => new byte[20]);
        var e = Assert.Throws<SslContextException>(() => ctx.GenerateSessionId(16));
        Assert.Equal(SslContextError.SessionIdHasBadLength, e.Reason);
        Assert.Contains("returned 20 bytes; at most 16 are allowed", e.Message);
    }
}
