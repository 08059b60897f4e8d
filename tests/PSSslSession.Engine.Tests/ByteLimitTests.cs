using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>
/// Sizes in bytes (issue 12, field notes 12 and 13): MaxSessionSize (a session whose DER is larger is not cached,
/// TooLarge), MaxBytes (a byte budget beside the entry limit), and the Bytes statistic.
/// </summary>
public class ByteLimitTests
{
    private readonly FakeClock _clock = new();

    /// <summary>A session whose DER grows with <paramref name="ticketBytes"/>.</summary>
    private SslSession Sized(int n, int ticketBytes, long timeout = 300) =>
        Sessions.Make(n, _clock.Seconds, timeout, SslProtocol.TLSv12, ticket: new byte[ticketBytes]);

    private SslContext Context(int maxSessionSize = 0, long maxBytes = 0) =>
        new("t", _clock) { MaxSessionSize = maxSessionSize, MaxBytes = maxBytes };

    [Fact]
    public void EncodedLength_is_the_length_of_the_encoding()
    {
        var s = Sized(1, 5000);
        Assert.Equal(SslSessionCodec.Encode(s).Length, s.EncodedLength);
    }

    [Fact]
    public void A_session_over_MaxSessionSize_is_not_cached_and_counts_as_TooLarge()
    {
        var ctx = Context(maxSessionSize: 4096);
        var big = Sized(1, 5000);
        var r = ctx.Add(big);
        Assert.False(r.Added);
        Assert.True(r.TooLarge);
        Assert.Equal(0, ctx.Count);
        Assert.Equal(1, ctx.GetStatistics().TooLarge);
    }

    [Fact]
    public void A_session_exactly_at_MaxSessionSize_is_cached()
    {
        var s = Sized(1, 1000);
        var ctx = Context(maxSessionSize: s.EncodedLength);
        Assert.True(ctx.Add(s).Added);
        Assert.Equal(0, ctx.GetStatistics().TooLarge);
    }

    [Fact]
    public void A_too_large_session_leaves_the_cached_one_with_its_key_in_place()
    {
        var ctx = Context(maxSessionSize: 2000);
        var small = Sized(1, 100);
        ctx.Add(small);
        Assert.True(ctx.Add(Sized(1, 5000)).TooLarge);
        Assert.Same(small, Assert.Single(ctx.GetSessions()));
    }

    [Fact]
    public void A_too_large_session_is_not_written_to_the_store()
    {
        var store = new FakeStore();
        var ctx = Context(maxSessionSize: 2000);
        ctx.AttachStore(store);
        ctx.Add(Sized(1, 5000));
        Assert.Empty(store.Puts);
    }

    [Fact]
    public void A_too_large_session_from_a_handshake_is_neither_cached_nor_stored_but_the_new_callbacks_see_it()
    {
        var store = new FakeStore();
        var ctx = Context(maxSessionSize: 2000);
        ctx.AttachStore(store);
        var seen = new List<SslSession>();
        ctx.RegisterNewCallback((_, s) => seen.Add(s));
        var big = Sized(1, 5000);
        var r = ctx.CompleteHandshake(big, SslRole.Server);
        Assert.True(r.TooLarge);
        Assert.False(r.Cached);
        Assert.False(r.StoredExternally);
        Assert.Equal(new[] { big }, seen);
        Assert.Equal(1, ctx.GetStatistics().TooLarge);
    }

    [Fact]
    public void Bytes_is_the_sum_of_the_cached_sessions_encodings()
    {
        var ctx = Context();
        SslSession a = Sized(1, 100), b = Sized(2, 3000);
        ctx.Add(a);
        ctx.Add(b);
        Assert.Equal(a.EncodedLength + b.EncodedLength, ctx.GetStatistics().Bytes);
    }

    [Fact]
    public void Bytes_follows_removes_replacements_flushes_and_time_changes()
    {
        var ctx = Context();
        SslSession a = Sized(1, 100, timeout: 10), b = Sized(2, 3000), c = Sized(3, 50);
        ctx.Add(a);
        ctx.Add(b);
        ctx.Add(c);
        ctx.Remove(b);
        var replacement = Sized(3, 700);
        ctx.Add(replacement);
        c.SetTimes(null, 1);
        a.SetTimes(_clock.Seconds - 100000, 100);
        Assert.Equal(a.EncodedLength + replacement.EncodedLength, ctx.GetStatistics().Bytes);
        Assert.Null(ctx.CheckConsistency());
        ctx.Flush(_clock.UtcNow);
        Assert.Equal(replacement.EncodedLength, ctx.GetStatistics().Bytes);
        ctx.FlushAll();
        Assert.Equal(0, ctx.GetStatistics().Bytes);
    }

    [Fact]
    public void MaxBytes_evicts_the_earliest_expiring_sessions_until_the_new_one_fits()
    {
        SslSession early = Sized(1, 1000, timeout: 100), middle = Sized(2, 1000, timeout: 200), late = Sized(3, 1000, timeout: 300);
        var ctx = Context(maxBytes: early.EncodedLength + middle.EncodedLength + late.EncodedLength);
        ctx.Add(early);
        ctx.Add(middle);
        ctx.Add(late);
        var removed = new List<(SslSession, SessionRemovalReason)>();
        ctx.RegisterRemoveCallback((_, s, why) => removed.Add((s, why)));
        var r = ctx.Add(Sized(4, 1500, timeout: 400));
        Assert.Equal(new[] { early, middle }, r.Evicted);
        Assert.Equal(new[] { (early, SessionRemovalReason.Evicted), (middle, SessionRemovalReason.Evicted) }, removed);
        Assert.Equal(2, ctx.GetStatistics().CacheFull);
        Assert.True(ctx.GetStatistics().Bytes <= ctx.MaxBytes);
    }

    [Fact]
    public void Both_limits_hold_after_an_add()
    {
        var ctx = Context(maxBytes: 20000);
        ctx.CacheSize = 3;
        for (int i = 0; i < 50; i++) ctx.Add(Sized(i, 100 * (i % 7) + 10 * i, timeout: 1000 + (i * 37 % 11)));
        var stats = ctx.GetStatistics();
        Assert.True(stats.Count <= 3);
        Assert.True(stats.Bytes <= 20000);
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void A_session_larger_than_the_whole_budget_is_TooLarge_and_evicts_nothing()
    {
        var ctx = Context(maxBytes: 2000);
        var kept = Sized(1, 100);
        ctx.Add(kept);
        var r = ctx.Add(Sized(2, 5000));
        Assert.True(r.TooLarge);
        Assert.Empty(r.Evicted);
        Assert.Same(kept, Assert.Single(ctx.GetSessions()));
    }

    [Fact]
    public void Lowering_MaxBytes_evicts_at_the_next_add()
    {
        var ctx = Context();
        for (int i = 0; i < 5; i++) ctx.Add(Sized(i, 1000, timeout: 100 + i));
        ctx.MaxBytes = 3000;
        Assert.Equal(5, ctx.Count);
        ctx.Add(Sized(9, 100, timeout: 1000));
        Assert.True(ctx.GetStatistics().Bytes <= 3000);
        Assert.Equal(3, ctx.Count);
    }

    [Fact]
    public void Negative_limits_are_refused_with_InvalidByteLimit()
    {
        var ctx = Context();
        Assert.Equal(SslContextError.InvalidByteLimit, Assert.Throws<SslContextException>(() => ctx.MaxSessionSize = -1).Reason);
        Assert.Equal(SslContextError.InvalidByteLimit, Assert.Throws<SslContextException>(() => ctx.MaxBytes = -1).Reason);
    }

    [Fact]
    public void Configure_with_a_negative_limit_changes_nothing()
    {
        var ctx = Context(maxSessionSize: 4096);
        var e = Assert.Throws<SslContextException>(() => ctx.Configure(new SslContextSettings { CacheSize = 5, MaxBytes = -2 }));
        Assert.Equal(SslContextError.InvalidByteLimit, e.Reason);
        Assert.Equal(SslContext.DefaultCacheSize, ctx.CacheSize);
        Assert.Equal(4096, ctx.MaxSessionSize);
    }

    [Fact]
    public void Configure_sets_both_limits()
    {
        var ctx = Context();
        ctx.Configure(new SslContextSettings { MaxSessionSize = 8192, MaxBytes = 1 << 20 });
        Assert.Equal(8192, ctx.MaxSessionSize);
        Assert.Equal(1 << 20, ctx.MaxBytes);
    }

    [Fact]
    public void With_OpenSslCompat_the_byte_budget_also_stops_at_an_empty_id_session()
    {
        var ctx = new SslContext("t", _clock) { OpenSslCompat = true };
        var empty = Sessions.Make(0, _clock.Seconds, 10, SslProtocol.TLSv12, id: Array.Empty<byte>(), ticket: new byte[1000]);
        ctx.Add(empty);
        ctx.MaxBytes = empty.EncodedLength + 100;
        Assert.Empty(ctx.Add(Sized(1, 1000)).Evicted);
        Assert.Equal(2, ctx.Count);
    }
}
