using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>
/// The two cache behaviours where the module differs from OpenSSL 3.0 by default and matches it with OpenSslCompat
/// (issue 16): re-adding the cached instance, and sessions with an empty id under eviction. The scenarios are the ones
/// the differential test against libssl found.
/// </summary>
public class OpenSslCompatTests
{
    private readonly FakeClock _clock = new();

    private SslContext Context(bool compat, int size = 0)
    {
        var ctx = new SslContext("t", _clock) { CacheSize = size, OpenSslCompat = compat };
        return ctx;
    }

    private static SslSession At(int n, long start, long timeout) => Sessions.Make(n, start, timeout, SslProtocol.TLSv12);

    private static SslSession EmptyId(long start, long timeout) =>
        Sessions.Make(0, start, timeout, SslProtocol.TLSv12, id: Array.Empty<byte>());

    private static List<SslSession> Removals(SslContext ctx)
    {
        var list = new List<SslSession>();
        ctx.RegisterRemoveCallback((_, s, _) => list.Add(s));
        return list;
    }

    /// <summary>Adds 1 and 2 with one expiry, adds 1 again, flushes both: the instances in flush order.</summary>
    private (SslSession First, SslSession Second, List<SslSession> Flushed) ReAddThenFlush(bool compat)
    {
        var ctx = Context(compat);
        var removed = Removals(ctx);
        SslSession s1 = At(1, 0, 10), s2 = At(2, 0, 10);
        ctx.Add(s1);
        ctx.Add(s2);
        Assert.False(ctx.Add(s1).Added);
        ctx.Flush(DateTimeOffset.FromUnixTimeSeconds(11));
        return (s1, s2, removed);
    }

    [Fact]
    public void By_default_re_adding_the_cached_instance_keeps_its_place_among_equal_expiries()
    {
        var (first, second, flushed) = ReAddThenFlush(compat: false);
        Assert.Equal(new[] { first, second }, flushed);
    }

    [Fact]
    public void With_OpenSslCompat_re_adding_the_cached_instance_makes_it_the_newest_among_equal_expiries()
    {
        var (first, second, flushed) = ReAddThenFlush(compat: true);
        Assert.Equal(new[] { second, first }, flushed);
    }

    /// <summary>
    /// Adds 1 and 2 with one expiry, adds 1 again, then a later-expiring 3 into a cache holding two: the instances, and
    /// which was evicted (size 3 holds two with OpenSslCompat's capacity, size 2 by default).
    /// </summary>
    private (SslSession First, SslSession Second, IReadOnlyList<SslSession> Evicted) ReAddThenEvict(bool compat)
    {
        var ctx = Context(compat, size: compat ? 3 : 2);
        SslSession s1 = At(1, 0, 10), s2 = At(2, 0, 10);
        ctx.Add(s1);
        ctx.Add(s2);
        ctx.Add(s1);
        return (s1, s2, ctx.Add(At(3, 0, 100)).Evicted);
    }

    [Fact]
    public void With_OpenSslCompat_a_re_added_instance_is_evicted_after_its_equals()
    {
        var (_, second, evicted) = ReAddThenEvict(compat: true);
        Assert.Equal(new[] { second }, evicted);
    }

    [Fact]
    public void By_default_the_first_of_equal_expiries_is_evicted_even_after_a_re_add()
    {
        var (first, _, evicted) = ReAddThenEvict(compat: false);
        Assert.Equal(new[] { first }, evicted);
    }

    [Fact]
    public void With_OpenSslCompat_re_adding_picks_up_a_time_change_the_cache_did_not_see()
    {
        // The instance belongs to another context (added there last), so this cache missed its new start time.
        var ctx = Context(compat: true);
        var other = Context(compat: false);
        var removed = Removals(ctx);
        SslSession s1 = At(1, 0, 10), s2 = At(2, 0, 20);
        ctx.Add(s1);
        ctx.Add(s2);
        other.Add(s1);
        s1.SetTimes(startTimeUnixSeconds: 50, timeoutSeconds: null);
        ctx.Add(s1);
        ctx.Flush(DateTimeOffset.FromUnixTimeSeconds(61));
        Assert.Equal(new[] { s2, s1 }, removed);
    }

    [Fact]
    public void By_default_an_empty_id_session_is_evicted_so_the_size_holds()
    {
        var ctx = Context(compat: false, size: 1);
        var empty = EmptyId(0, 10);
        ctx.Add(empty);
        var r = ctx.Add(At(1, 0, 20));
        Assert.Equal(new[] { empty }, r.Evicted);
        Assert.Equal(1, ctx.Count);
    }

    [Fact]
    public void With_OpenSslCompat_an_empty_id_session_is_never_evicted()
    {
        var ctx = Context(compat: true, size: 1);
        var removed = Removals(ctx);
        ctx.Add(EmptyId(0, 10));
        var r = ctx.Add(At(1, 0, 20));
        Assert.Empty(r.Evicted);
        Assert.Empty(removed);
        Assert.Equal(2, ctx.Count);
        Assert.Equal(0, ctx.GetStatistics().CacheFull);
    }

    [Fact]
    public void With_OpenSslCompat_eviction_stops_while_an_empty_id_session_expires_first()
    {
        var ctx = Context(compat: true, size: 2);
        ctx.Add(EmptyId(0, 10));
        ctx.Add(At(1, 0, 20));
        ctx.Add(At(2, 0, 30));
        Assert.Equal(3, ctx.Count);
        Assert.Null(ctx.CheckConsistency());
    }

    [Fact]
    public void With_OpenSslCompat_eviction_takes_earlier_sessions_before_it_reaches_an_empty_id()
    {
        // Size 4 holds 3 with the capacity quirk.
        var ctx = Context(compat: true, size: 4);
        var earliest = At(1, 0, 5);
        ctx.Add(earliest);
        ctx.Add(EmptyId(0, 10));
        ctx.Add(At(2, 0, 20));
        var r = ctx.Add(At(3, 0, 30));
        Assert.Equal(new[] { earliest }, r.Evicted);
        Assert.Equal(3, ctx.Count);
        Assert.Equal(1, ctx.GetStatistics().CacheFull);
    }

    [Fact]
    public void With_OpenSslCompat_a_flush_still_removes_an_empty_id_session()
    {
        var ctx = Context(compat: true, size: 1);
        ctx.Add(EmptyId(0, 10));
        ctx.Add(At(1, 0, 20));
        Assert.Single(ctx.Flush(DateTimeOffset.FromUnixTimeSeconds(11)).Removed);
        Assert.Equal(1, ctx.Count);
    }

    [Fact]
    public void By_default_a_session_with_an_empty_id_can_be_removed()
    {
        var ctx = Context(compat: false);
        var empty = EmptyId(0, 10);
        ctx.Add(empty);
        Assert.True(ctx.Remove(empty).Removed);
        Assert.Equal(0, ctx.Count);
    }

    [Fact]
    public void By_default_an_empty_id_can_be_removed_by_id()
    {
        var ctx = Context(compat: false);
        ctx.Add(EmptyId(0, 10));
        Assert.True(ctx.Remove(new SessionId(Array.Empty<byte>())).Removed);
    }

    [Fact]
    public void With_OpenSslCompat_removing_a_session_with_an_empty_id_does_nothing()
    {
        var ctx = Context(compat: true);
        var empty = EmptyId(0, 10);
        ctx.Add(empty);
        Assert.False(ctx.Remove(empty).Removed);
        Assert.Equal(1, ctx.Count);
    }
}
