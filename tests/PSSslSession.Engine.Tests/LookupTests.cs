using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>§B.8 server lookup: outcomes, counters, get callbacks, sid_ctx isolation, mode bits.</summary>
public class LookupTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void A_cached_session_is_a_hit_and_counts_one_hit()
    {
        var ctx = new SslContext("t", _clock);
        var s = Sessions.Make(_clock, 1);
        ctx.Add(s);
        var r = ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13);
        Assert.Equal(SslLookupOutcome.Hit, r.Outcome);
        Assert.Same(s, r.Session);
        Assert.True(r.Resumed);
        var st = ctx.GetStatistics();
        Assert.Equal((1, 0), (st.Hits, st.Misses));
    }

    [Fact]
    public void An_unknown_id_is_a_miss_and_counts_one_miss()
    {
        var ctx = new SslContext("t", _clock);
        var r = ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13);
        Assert.Equal(SslLookupOutcome.Miss, r.Outcome);
        Assert.Null(r.Session);
        var st = ctx.GetStatistics();
        Assert.Equal((0, 1), (st.Hits, st.Misses));
    }

    [Fact]
    public void A_get_callback_hit_counts_a_miss_a_callback_hit_and_a_hit_and_enters_the_cache()
    {
        var ctx = new SslContext("t", _clock);
        var s = Sessions.Make(_clock, 1);
        ctx.RegisterGetCallback((_, id) => id == s.GetSessionId() ? s : null);
        var r = ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13);
        Assert.Equal(SslLookupOutcome.CallbackHit, r.Outcome);
        var st = ctx.GetStatistics();
        Assert.Equal((1L, 1L, 1L), (st.Misses, st.CallbackHits, st.Hits));
        Assert.Same(s, Assert.Single(ctx.GetSessions()));
        Assert.Equal(SslLookupOutcome.Hit, ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13).Outcome);
    }

    [Fact]
    public void With_NoInternalStore_a_get_callback_hit_does_not_enter_the_cache()
    {
        var ctx = new SslContext("t", _clock) { CacheMode = SslSessionCacheMode.Server | SslSessionCacheMode.NoInternalStore };
        var s = Sessions.Make(_clock, 1);
        ctx.RegisterGetCallback((_, _) => s);
        Assert.Equal(SslLookupOutcome.CallbackHit, ctx.Lookup(Sessions.Id(1)).Outcome);
        Assert.Equal(0, ctx.Count);
    }

    [Fact]
    public void With_NoInternalLookup_the_cache_is_skipped_and_no_miss_is_counted()
    {
        var ctx = new SslContext("t", _clock) { CacheMode = SslSessionCacheMode.Server | SslSessionCacheMode.NoInternalLookup };
        ctx.Add(Sessions.Make(_clock, 1));
        var r = ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13);
        Assert.Equal(SslLookupOutcome.Miss, r.Outcome);
        var st = ctx.GetStatistics();
        Assert.Equal((0, 0), (st.Hits, st.Misses));
    }

    [Fact]
    public void With_NoInternalLookup_the_get_callback_is_asked_even_for_a_cached_id()
    {
        var ctx = new SslContext("t", _clock) { CacheMode = SslSessionCacheMode.Server | SslSessionCacheMode.NoInternalLookup };
        var cached = Sessions.Make(_clock, 1);
        var external = Sessions.Make(_clock, 1);
        ctx.Add(cached);
        ctx.RegisterGetCallback((_, _) => external);
        var r = ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13);
        Assert.Equal(SslLookupOutcome.CallbackHit, r.Outcome);
        Assert.Same(external, r.Session);
    }

    [Fact]
    public void With_NoInternal_lookups_come_only_from_callbacks_and_nothing_is_cached()
    {
        var ctx = new SslContext("t", _clock) { CacheMode = SslSessionCacheMode.Server | SslSessionCacheMode.NoInternal };
        var s = Sessions.Make(_clock, 1);
        ctx.RegisterGetCallback((_, _) => s);
        Assert.Equal(SslLookupOutcome.CallbackHit, ctx.Lookup(Sessions.Id(1)).Outcome);
        Assert.False(ctx.CompleteHandshake(Sessions.Make(_clock, 2), SslRole.Server).Cached);
        Assert.Equal(0, ctx.Count);
    }

    [Fact]
    public void A_not_resumable_session_from_a_get_callback_is_ignored()
    {
        var ctx = new SslContext("t", _clock);
        var s = Sessions.Make(_clock, 1);
        new SslContext("other", _clock).Remove(s);
        ctx.RegisterGetCallback((_, _) => s);
        Assert.Equal(SslLookupOutcome.Miss, ctx.Lookup(Sessions.Id(1)).Outcome);
        Assert.Equal(0, ctx.GetStatistics().CallbackHits);
    }

    [Fact]
    public void Get_callbacks_are_asked_in_order_and_the_first_session_wins()
    {
        var ctx = new SslContext("t", _clock);
        var asked = new List<int>();
        var second = Sessions.Make(_clock, 1);
        ctx.RegisterGetCallback((_, _) => { asked.Add(1); return null; });
        ctx.RegisterGetCallback((_, _) => { asked.Add(2); return second; });
        ctx.RegisterGetCallback((_, _) => { asked.Add(3); return Sessions.Make(_clock, 1); });
        Assert.Same(second, ctx.Lookup(Sessions.Id(1)).Session);
        Assert.Equal(new[] { 1, 2 }, asked);
    }

    [Fact]
    public void A_session_from_another_session_id_context_is_a_ContextMismatch_without_counters()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdContext(new byte[] { 1 });
        ctx.Add(Sessions.Make(_clock, 1, sidCtx: new byte[] { 2 }));
        var r = ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13);
        Assert.Equal(SslLookupOutcome.ContextMismatch, r.Outcome);
        Assert.False(r.Resumed);
        var st = ctx.GetStatistics();
        Assert.Equal((0, 0, 0), (st.Hits, st.Misses, st.Timeouts));
    }

    [Fact]
    public void An_explicit_session_id_context_overrides_the_contexts_own()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdContext(new byte[] { 1 });
        ctx.Add(Sessions.Make(_clock, 1, sidCtx: new byte[] { 2 }));
        Assert.Equal(SslLookupOutcome.Hit, ctx.Lookup(Sessions.Id(1), null, new byte[] { 2 }).Outcome);
    }

    [Fact]
    public void A_session_from_a_get_callback_under_another_version_is_a_VersionMismatch()
    {
        var ctx = new SslContext("t", _clock);
        ctx.RegisterGetCallback((_, _) => Sessions.Make(_clock, 1, protocol: SslProtocol.TLSv12));
        Assert.Equal(SslLookupOutcome.VersionMismatch, ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13).Outcome);
    }

    [Fact]
    public void A_get_callback_session_of_another_version_is_not_cached_and_is_a_fault_naming_the_callback()
    {
        var ctx = new SslContext("t", _clock);
        ctx.RegisterGetCallback((_, _) => Sessions.Make(_clock, 1, protocol: SslProtocol.TLSv12));
        var r = ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13);
        var fault = Assert.Single(r.Faults);
        Assert.Equal(SslCacheFaultSource.GetCallback, fault.Source);
        Assert.Equal(SslContextError.CallbackSessionMismatch, Assert.IsType<SslContextException>(fault.Exception).Reason);
        Assert.Contains("TLSv1.2 for a TLSv1.3 lookup", fault.Exception.Message);
        Assert.Equal(0, ctx.Count);
    }

    [Fact]
    public void A_get_callback_session_of_another_session_id_context_is_a_ContextMismatch_not_cached_and_a_fault()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdContext(new byte[] { 1 });
        ctx.RegisterGetCallback((_, _) => Sessions.Make(_clock, 1, sidCtx: new byte[] { 2 }));
        var r = ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13);
        Assert.Equal(SslLookupOutcome.ContextMismatch, r.Outcome);
        Assert.Equal(SslContextError.CallbackSessionMismatch, Assert.IsType<SslContextException>(Assert.Single(r.Faults).Exception).Reason);
        Assert.Equal(0, ctx.Count);
    }

    [Fact]
    public void A_get_callback_session_that_fits_is_cached()
    {
        var ctx = new SslContext("t", _clock);
        ctx.RegisterGetCallback((_, _) => Sessions.Make(_clock, 1));
        Assert.Equal(SslLookupOutcome.CallbackHit, ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13).Outcome);
        Assert.Equal(1, ctx.Count);
    }

    [Fact]
    public void The_id_cached_under_another_version_is_a_miss_for_this_version()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Add(Sessions.Make(_clock, 1, protocol: SslProtocol.TLSv12));
        Assert.Equal(SslLookupOutcome.Miss, ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13).Outcome);
    }

    [Fact]
    public void Without_a_protocol_the_id_is_found_under_any_version_latest_expiry_first()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Add(Sessions.Make(_clock, 1, timeout: 100, protocol: SslProtocol.TLSv12));
        var later = Sessions.Make(_clock, 1, timeout: 200, protocol: SslProtocol.TLSv13);
        ctx.Add(later);
        Assert.Same(later, ctx.Lookup(Sessions.Id(1)).Session);
    }

    [Fact]
    public void An_expired_session_counts_a_timeout_and_is_removed_with_reason_Expired()
    {
        var ctx = new SslContext("t", _clock);
        var reasons = new List<SessionRemovalReason>();
        ctx.RegisterRemoveCallback((_, _, why) => reasons.Add(why));
        var s = Sessions.Make(_clock, 1, timeout: 10);
        ctx.Add(s);
        _clock.Advance(11);
        var r = ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13);
        Assert.Equal(SslLookupOutcome.Expired, r.Outcome);
        Assert.Same(s, r.Session);
        Assert.Equal(1, ctx.GetStatistics().Timeouts);
        Assert.Equal(0, ctx.Count);
        Assert.Equal(SessionRemovalReason.Expired, Assert.Single(reasons));
        Assert.False(s.IsResumable);
    }

    [Fact]
    public void A_session_at_exactly_its_expiry_second_still_resumes()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Add(Sessions.Make(_clock, 1, timeout: 10));
        _clock.Advance(10);
        Assert.Equal(SslLookupOutcome.Hit, ctx.Lookup(Sessions.Id(1)).Outcome);
    }

    [Fact]
    public void An_empty_id_is_a_miss_without_counters()
    {
        var ctx = new SslContext("t", _clock);
        Assert.Equal(SslLookupOutcome.Miss, ctx.Lookup(SessionId.Empty).Outcome);
        Assert.Equal(0, ctx.GetStatistics().Misses);
    }

    [Fact]
    public void HasMatchingSessionId_sees_only_the_internal_cache()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Add(Sessions.Make(_clock, 1, protocol: SslProtocol.TLSv12));
        ctx.RegisterGetCallback((_, _) => Sessions.Make(_clock, 2));
        Assert.True(ctx.HasMatchingSessionId(Sessions.Id(1)));
        Assert.True(ctx.HasMatchingSessionId(Sessions.Id(1), SslProtocol.TLSv12));
        Assert.False(ctx.HasMatchingSessionId(Sessions.Id(1), SslProtocol.TLSv13));
        Assert.False(ctx.HasMatchingSessionId(Sessions.Id(2)));
        Assert.Equal(0, ctx.GetStatistics().Misses);
    }

    [Fact]
    public void Changing_the_session_id_context_turns_an_earlier_hit_into_a_ContextMismatch()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdContext(new byte[] { 1 });
        ctx.Add(Sessions.Make(_clock, 1, sidCtx: new byte[] { 1 }));
        Assert.Equal(SslLookupOutcome.Hit, ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13).Outcome);

        ctx.SetSessionIdContext(new byte[] { 2 });

        Assert.Equal(SslLookupOutcome.ContextMismatch, ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13).Outcome);
    }

    [Fact]
    public void The_isolation_check_holds_across_hundreds_of_session_id_context_changes()
    {
        // More changes than the index has sid_ctx tags (255), so the tags start over at least twice.
        var ctx = new SslContext("t", _clock);
        var a = new byte[] { 0xA };
        var b = new byte[] { 0xB };
        for (int round = 0; round < 600; round++)
        {
            var current = round % 3 == 0 ? a : b;
            ctx.SetSessionIdContext(current);
            ctx.Add(Sessions.Make(_clock, round, sidCtx: round % 2 == 0 ? a : b));
            for (int probe = Math.Max(0, round - 4); probe <= round; probe++)
            {
                var expected = ReferenceEquals(probe % 2 == 0 ? a : b, current) ? SslLookupOutcome.Hit : SslLookupOutcome.ContextMismatch;
                Assert.Equal(expected, ctx.Lookup(Sessions.Id(probe), SslProtocol.TLSv13).Outcome);
            }
        }
        Assert.Null(ctx.CheckConsistency());
    }
}
