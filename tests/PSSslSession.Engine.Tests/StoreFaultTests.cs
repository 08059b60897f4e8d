using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>
/// What an operation says about the store: its faults (one per operation, which exception, transient or not), the
/// counters, the backlog limit, and what a handshake reports as stored.
/// </summary>
public class StoreFaultTests
{
    private readonly FakeClock _clock = new();
    private readonly FakeStore _store = new();

    private SslContext WithStore()
    {
        var ctx = new SslContext("t", _clock);
        ctx.AttachStore(_store, load: false);
        return ctx;
    }

    [Fact]
    public void A_write_kept_behind_others_names_the_outage_that_stopped_the_first()
    {
        var ctx = WithStore();
        _store.Failing = true;
        ctx.Add(Sessions.Make(_clock, 1));
        var second = Assert.Single(ctx.Add(Sessions.Make(_clock, 2)).Faults);
        var e = Assert.IsType<IOException>(second.Exception);
        Assert.Equal("store unreachable", e.Message);
        Assert.True(second.IsTransient);
    }

    [Fact]
    public void A_lookup_the_store_fails_is_a_miss_with_a_transient_store_fault_and_one_store_error()
    {
        var ctx = WithStore();
        _store.Failing = true;
        var r = ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13);
        Assert.Equal(SslLookupOutcome.Miss, r.Outcome);
        var fault = Assert.Single(r.Faults);
        Assert.Equal((SslCacheFaultSource.Store, true), (fault.Source, fault.IsTransient));
        Assert.Equal("memory", _store.Location);
        Assert.Equal(1, ctx.GetStatistics().StoreErrors);
        Assert.Equal(0, ctx.GetStatistics().StoreMisses);
    }

    [Fact]
    public void A_failing_callback_and_a_refusing_store_in_one_lookup_are_two_faults_in_that_order()
    {
        var ctx = WithStore();
        ctx.RegisterGetCallback((_, _) => throw new InvalidOperationException("callback failed"));
        _store.RefuseGetsWith = new InvalidOperationException("store refused");
        var faults = ctx.Lookup(Sessions.Id(1), SslProtocol.TLSv13).Faults;
        Assert.Equal(new[] { SslCacheFaultSource.GetCallback, SslCacheFaultSource.Store }, faults.Select(f => f.Source));
        Assert.False(faults[1].IsTransient);
        Assert.Equal("store refused", faults[1].Exception.Message);
    }

    [Fact]
    public void A_failing_load_counts_a_store_error_and_is_transient_for_an_outage()
    {
        var ctx = new SslContext("t", _clock);
        _store.Failing = true;
        var fault = Assert.Single(ctx.AttachStore(_store).Faults);
        Assert.True(fault.IsTransient);
        Assert.Equal(1, ctx.GetStatistics().StoreErrors);
    }

    [Fact]
    public void Loading_more_sessions_than_the_cache_holds_evicts_and_announces_the_earliest()
    {
        var early = Sessions.Make(_clock, 1, timeout: 10);
        _store.Seed(early);
        _store.Seed(Sessions.Make(_clock, 2, timeout: 20));
        _store.Seed(Sessions.Make(_clock, 3, timeout: 30));
        var ctx = new SslContext("t", _clock) { CacheSize = 2 };
        var removed = new List<(SslSession, SessionRemovalReason)>();
        ctx.RegisterRemoveCallback((_, s, why) => removed.Add((s, why)));
        var r = ctx.AttachStore(_store);
        Assert.Equal(3, r.Removed.Count);
        Assert.Equal(2, ctx.Count);
        Assert.Equal((early, SessionRemovalReason.Evicted), Assert.Single(removed));
        Assert.True(_store.Holds(early));
    }

    [Fact]
    public void The_store_backlog_keeps_100000_writes_by_default()
    {
        Assert.Equal(SslContext.DefaultStoreBacklogCapacity, new SslContext("t", _clock).StoreBacklogCapacity);
        Assert.Equal(100_000, SslContext.DefaultStoreBacklogCapacity);
    }

    [Fact]
    public void A_backlog_of_zero_keeps_nothing_and_drops_every_write_of_an_outage()
    {
        var ctx = WithStore();
        ctx.StoreBacklogCapacity = 0;
        _store.Failing = true;
        var fault = Assert.Single(ctx.Add(Sessions.Make(_clock, 1)).Faults);
        Assert.Equal((0, 1), (fault.QueuedWrites, fault.DroppedWrites));
        Assert.Equal(0, ctx.StoreWritesPending);
        Assert.Equal(1, ctx.StoreWritesDropped);
    }

    [Fact]
    public void A_negative_backlog_is_refused_and_the_old_one_stays()
    {
        var ctx = new SslContext("t", _clock) { StoreBacklogCapacity = 5 };
        var e = Assert.Throws<SslContextException>(() => ctx.StoreBacklogCapacity = -1);
        Assert.Equal(SslContextError.InvalidCacheSize, e.Reason);
        Assert.Equal("The store backlog cannot be negative (-1).", e.Message);
        Assert.Equal(5, ctx.StoreBacklogCapacity);
    }

    [Fact]
    public void Writes_dropped_when_another_store_is_attached_count_in_StoreWritesDropped()
    {
        var ctx = WithStore();
        _store.Failing = true;
        ctx.Add(Sessions.Make(_clock, 1));
        ctx.Add(Sessions.Make(_clock, 2));
        ctx.AttachStore(new FakeStore(), load: false);
        Assert.Equal(2, ctx.StoreWritesDropped);
    }

    [Fact]
    public void The_fault_of_writes_dropped_at_close_is_transient_and_names_the_store()
    {
        var ctx = WithStore();
        _store.Failing = true;
        ctx.Add(Sessions.Make(_clock, 1));
        var fault = Assert.Single(ctx.Close().Faults, f => f.Source == SslCacheFaultSource.Store);
        Assert.True(fault.IsTransient);
        Assert.Equal(_store.ToString(), fault.Store);
        Assert.IsType<IOException>(fault.Exception);
    }

    [Fact]
    public void A_handshake_without_a_store_or_during_an_outage_is_not_stored_externally()
    {
        var ctx = new SslContext("t", _clock);
        Assert.False(ctx.CompleteHandshake(Sessions.Make(_clock, 1), SslRole.Server).StoredExternally);
        ctx.AttachStore(_store, load: false);
        _store.Failing = true;
        Assert.False(ctx.CompleteHandshake(Sessions.Make(_clock, 2), SslRole.Server).StoredExternally);
        Assert.False(ctx.CompleteHandshake(Sessions.Make(_clock, 3), SslRole.Server).StoredExternally);
    }

    [Fact]
    public void A_handshake_whose_write_the_store_refuses_is_not_stored_externally()
    {
        var ctx = WithStore();
        _store.RefuseWith = new InvalidOperationException("no");
        Assert.False(ctx.CompleteHandshake(Sessions.Make(_clock, 1), SslRole.Server).StoredExternally);
    }

    [Fact]
    public void A_batch_store_outage_during_AddRange_keeps_every_write_and_counts_one_store_error()
    {
        var batch = new FakeBatchStore();
        var ctx = new SslContext("t", _clock);
        ctx.AttachStore(batch, load: false);
        batch.Inner.Failing = true;
        var results = ctx.AddRange(new[] { Sessions.Make(_clock, 1), Sessions.Make(_clock, 2), Sessions.Make(_clock, 3) });
        Assert.Equal(3, Assert.Single(results[2].Faults).QueuedWrites);
        Assert.Equal(3, ctx.StoreWritesPending);
        Assert.Equal(1, ctx.GetStatistics().StoreErrors);
    }

    [Fact]
    public void AddRange_of_one_session_writes_it_with_a_single_put_not_a_batch()
    {
        var batch = new FakeBatchStore();
        var ctx = new SslContext("t", _clock);
        ctx.AttachStore(batch, load: false);
        var s = Sessions.Make(_clock, 1);
        ctx.AddRange(new[] { s });
        Assert.Empty(batch.Batches);
        Assert.Same(s, Assert.Single(batch.Inner.Puts));
    }
}
