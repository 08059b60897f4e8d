using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>
/// A context's settings and their checks (Configure, names, limits at their boundaries), what a closed context refuses,
/// and the store side of removals and flushes.
/// </summary>
public class ContextSettingsTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void A_context_needs_a_name_with_a_visible_character()
    {
        Assert.Throws<ArgumentNullException>(() => new SslContext(null!));
        var e = Assert.Throws<ArgumentException>(() => new SslContext(" \t"));
        Assert.StartsWith("A context name needs a character that is not white space.", e.Message);
    }

    [Fact]
    public void A_context_sharing_a_cache_uses_the_host_s_clock_unless_given_one()
    {
        var host = new SslContext("host", _clock);
        Assert.Same(_clock, new SslContext("member", shareCacheWith: host).Clock);
        var own = new FakeClock();
        Assert.Same(own, new SslContext("other", own, host).Clock);
        Assert.Same(SystemClock.Instance, new SslContext("alone").Clock);
    }

    [Fact]
    public void The_effective_timeout_is_the_timeout_or_7200_seconds_when_it_is_zero()
    {
        var ctx = new SslContext("t", _clock) { Timeout = TimeSpan.FromMinutes(5) };
        Assert.Equal(TimeSpan.FromMinutes(5), ctx.EffectiveTimeout);
        Assert.Equal(300, ctx.TimeoutSeconds);
        ctx.Timeout = TimeSpan.Zero;
        Assert.Equal(TimeSpan.FromSeconds(7200), ctx.EffectiveTimeout);
    }

    [Fact]
    public void Configure_takes_zero_for_every_limit()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 5, MaxSessionSize = 5, MaxBytes = 5, Timeout = TimeSpan.FromSeconds(5) };
        ctx.Configure(new SslContextSettings { CacheSize = 0, MaxSessionSize = 0, MaxBytes = 0, Timeout = TimeSpan.Zero });
        Assert.Equal((0, 0, 0L, TimeSpan.Zero), (ctx.CacheSize, ctx.MaxSessionSize, ctx.MaxBytes, ctx.Timeout));
    }

    [Fact]
    public void Configure_refuses_negative_limits_with_messages_that_say_how_to_mean_none()
    {
        var ctx = new SslContext("t", _clock);
        Assert.Equal("The cache size cannot be negative (-1); use 0 for unlimited.",
            Assert.Throws<SslContextException>(() => ctx.Configure(new SslContextSettings { CacheSize = -1 })).Message);
        Assert.Equal("MaxSessionSize cannot be negative (-2); use 0 for no limit.",
            Assert.Throws<SslContextException>(() => ctx.Configure(new SslContextSettings { MaxSessionSize = -2 })).Message);
        Assert.Equal("MaxBytes cannot be negative (-3); use 0 for no limit.",
            Assert.Throws<SslContextException>(() => ctx.Configure(new SslContextSettings { MaxBytes = -3 })).Message);
        Assert.Equal("The session timeout cannot be negative (-00:00:01).",
            Assert.Throws<SslContextException>(() => ctx.Configure(new SslContextSettings { Timeout = TimeSpan.FromSeconds(-1) })).Message);
        Assert.Throws<ArgumentNullException>(() => ctx.Configure(null!));
    }

    [Fact]
    public void Configure_checks_the_flush_interval_and_the_prefix_before_changing_anything()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 7 };
        Assert.Throws<SslContextException>(() => ctx.Configure(new SslContextSettings { CacheSize = 1, FlushInterval = TimeSpan.FromSeconds(-1) }));
        var e = Assert.Throws<SslContextException>(() => ctx.Configure(new SslContextSettings { CacheSize = 1, SessionIdPrefix = new byte[32] }));
        Assert.Equal(SslContextError.InvalidSessionIdLength, e.Reason);
        Assert.Equal("The session id prefix is 32 bytes; it must leave random bytes in a session id of at most 32 bytes, so at most 31.", e.Message);
        Assert.Equal(7, ctx.CacheSize);
    }

    [Fact]
    public void Configure_changes_the_prefix_and_the_generator_only_when_they_are_given()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdPrefix(new byte[] { 0x77 });
        ctx.SetSessionIdGenerator((_, n) => new byte[n]);
        ctx.Configure(new SslContextSettings { CacheSize = 3 });
        Assert.Equal(new byte[] { 0x77 }, ctx.GetSessionIdPrefix());
        Assert.True(ctx.HasSessionIdGenerator);
        ctx.Configure(new SslContextSettings { SessionIdPrefix = null, SessionIdGenerator = null });
        Assert.Null(ctx.GetSessionIdPrefix());
        Assert.False(ctx.HasSessionIdGenerator);
    }

    [Fact]
    public void Configure_without_a_store_leaves_the_attached_one()
    {
        var store = new FakeStore();
        var ctx = new SslContext("t", _clock);
        ctx.AttachStore(store, load: false);
        ctx.Configure(new SslContextSettings { CacheSize = 3 });
        Assert.Same(store, ctx.Store);
    }

    [Fact]
    public void A_session_id_context_over_32_bytes_is_refused_with_the_OpenSSL_reason()
    {
        var e = Assert.Throws<SslContextException>(() => new SslContext("t", _clock).SetSessionIdContext(new byte[33]));
        Assert.Equal("The session id context is 33 bytes; at most 32 are allowed (SSL_R_SSL_SESSION_ID_CONTEXT_TOO_LONG).", e.Message);
    }

    [Fact]
    public void A_closed_context_refuses_adds_and_removals_and_says_which_context()
    {
        var ctx = new SslContext("web", _clock);
        ctx.Close();
        var e = Assert.Throws<SslContextException>(() => ctx.Add(Sessions.Make(_clock, 1)));
        Assert.Equal((SslContextError.ContextClosed, "The SSL context 'web' was closed and cannot be used."), (e.Reason, e.Message));
        Assert.Throws<SslContextException>(() => ctx.AddRange(new[] { Sessions.Make(_clock, 2) }));
        Assert.Throws<SslContextException>(() => ctx.Remove(Sessions.Id(1)));
        Assert.Throws<SslContextException>(() => ctx.Configure(new SslContextSettings()));
    }

    [Fact]
    public void AddRange_refuses_a_null_list_or_a_null_session_before_adding_any()
    {
        var ctx = new SslContext("t", _clock);
        Assert.Throws<ArgumentNullException>(() => ctx.AddRange(null!));
        var e = Assert.Throws<ArgumentException>(() => ctx.AddRange(new[] { Sessions.Make(_clock, 1), null! }));
        Assert.StartsWith("The list holds a null session.", e.Message);
        Assert.Equal(0, ctx.Count);
        Assert.Throws<ArgumentNullException>(() => ctx.Add(null!));
        Assert.Throws<ArgumentNullException>(() => ctx.Remove((SslSession)null!));
    }

    [Fact]
    public void AddRange_into_a_full_cache_announces_the_evicted_sessions()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 1 };
        var first = Sessions.Make(_clock, 1, timeout: 10);
        ctx.Add(first);
        var told = new List<(SslSession, SessionRemovalReason)>();
        ctx.RegisterRemoveCallback((_, s, why) => told.Add((s, why)));
        ctx.AddRange(new[] { Sessions.Make(_clock, 2, timeout: 20) });
        Assert.Equal((first, SessionRemovalReason.Evicted), Assert.Single(told));
    }

    [Fact]
    public void A_byte_budget_without_a_size_limit_keeps_every_session_that_fits()
    {
        var ctx = new SslContext("t", _clock) { CacheSize = 0, MaxBytes = 1_000_000 };
        for (int i = 1; i <= 3; i++) ctx.Add(Sessions.Make(_clock, i));
        Assert.Equal(3, ctx.Count);
    }

    [Fact]
    public void A_session_exactly_the_size_of_the_byte_budget_is_cached()
    {
        var s = Sessions.Make(_clock, 1);
        var ctx = new SslContext("t", _clock) { MaxBytes = s.EncodedLength };
        Assert.True(ctx.Add(s).Added);
        Assert.Equal(1, ctx.Count);
    }

    [Fact]
    public void Removing_an_id_that_only_the_store_holds_deletes_it_there_without_counting_a_store_lookup()
    {
        var store = new FakeStore();
        var ctx = new SslContext("t", _clock);
        ctx.AttachStore(store, load: false);
        var stored = Sessions.Make(_clock, 1, protocol: SslProtocol.TLSv12);
        store.Seed(stored);
        ctx.Remove(Sessions.Id(1));
        Assert.Equal((Sessions.Id(1), SslProtocol.TLSv12), Assert.Single(store.Removes));
        Assert.False(store.Holds(stored));
        var st = ctx.GetStatistics();
        Assert.Equal((0L, 0L), (st.StoreHits, st.StoreMisses));
    }

    [Fact]
    public void Removing_a_session_the_cache_does_not_hold_still_deletes_it_from_the_store()
    {
        var store = new FakeStore();
        var ctx = new SslContext("t", _clock);
        ctx.AttachStore(store, load: false);
        var s = Sessions.Make(_clock, 1);
        store.Seed(s);
        ctx.Remove(s);
        Assert.False(store.Holds(s));
    }

    [Fact]
    public void FlushAll_deletes_every_session_from_the_store_and_marks_them_not_resumable()
    {
        var store = new FakeStore();
        var ctx = new SslContext("t", _clock);
        ctx.AttachStore(store, load: false);
        var a = Sessions.Make(_clock, 1);
        var b = Sessions.Make(_clock, 2);
        ctx.Add(a);
        ctx.Add(b);
        ctx.FlushAll();
        Assert.False(store.Holds(a) || store.Holds(b));
        Assert.False(a.IsResumable || b.IsResumable);
    }

    [Fact]
    public void A_timed_flush_marks_what_it_removes_not_resumable()
    {
        var ctx = new SslContext("t", _clock);
        var s = Sessions.Make(_clock, 1, timeout: 5);
        ctx.Add(s);
        _clock.Advance(10);
        Assert.Same(s, Assert.Single(ctx.Flush(_clock.UtcNow).Removed));
        Assert.False(s.IsResumable);
    }

    [Fact]
    public void FlushAll_during_a_store_outage_keeps_the_writes_waiting_for_the_store()
    {
        var store = new FakeStore();
        var ctx = new SslContext("t", _clock);
        ctx.AttachStore(store, load: false);
        store.Failing = true;
        ctx.Add(Sessions.Make(_clock, 1));
        ctx.FlushAll();
        Assert.Equal(2, ctx.StoreWritesPending);
        Assert.Equal(0, ctx.StoreWritesDropped);
    }
}
