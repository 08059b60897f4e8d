using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>SslContext.AddRange: Add for each session, with the store writes of a batch in one PutMany.</summary>
public class AddRangeTests
{
    private readonly FakeClock _clock = new();
    private readonly FakeBatchStore _store = new();

    private SslSession[] Batch(int count, int first = 1) =>
        Enumerable.Range(first, count).Select(n => Sessions.Make(_clock, n)).ToArray();

    private SslContext WithStore()
    {
        var ctx = new SslContext("t", _clock);
        ctx.AttachStore(_store, load: false);
        return ctx;
    }

    [Fact]
    public void Each_session_gets_the_result_Add_would_give_it_in_order()
    {
        var sessions = Batch(5);
        var one = new SslContext("one", _clock) { CacheSize = 3 };
        one.Add(sessions[0]);
        var expected = sessions.Select(s => one.Add(s)).ToArray();
        var many = new SslContext("many", _clock) { CacheSize = 3 };
        many.Add(sessions[0]);

        var results = many.AddRange(sessions);

        Assert.Equal(expected.Select(r => r.Added), results.Select(r => r.Added));
        Assert.Equal(expected.Select(r => r.Evicted.Count), results.Select(r => r.Evicted.Count));
        Assert.Equal(one.GetSessions(), many.GetSessions());
        Assert.Equal(one.GetStatistics().CacheFull, many.GetStatistics().CacheFull);
    }

    [Fact]
    public void A_store_that_takes_batches_gets_the_new_entries_in_one_write()
    {
        var ctx = WithStore();
        var sessions = Batch(4);
        ctx.Add(sessions[1]);

        ctx.AddRange(sessions);

        Assert.Equal(new[] { 3 }, _store.Batches);
        Assert.All(sessions, s => Assert.True(_store.Inner.Holds(s)));
    }

    [Fact]
    public void A_batch_the_store_refuses_for_good_is_written_one_by_one_and_only_the_refused_session_is_dropped()
    {
        var ctx = WithStore();
        var sessions = Batch(3);
        _store.RefuseSession = sessions[1];

        var results = ctx.AddRange(sessions);

        Assert.Empty(_store.Batches);
        Assert.True(_store.Inner.Holds(sessions[0]));
        Assert.False(_store.Inner.Holds(sessions[1]));
        Assert.True(_store.Inner.Holds(sessions[2]));
        Assert.Equal(1, ctx.StoreWritesDropped);
        Assert.Single(results.SelectMany(r => r.Faults));
    }

    [Fact]
    public void An_outage_during_a_batch_keeps_every_write_for_replay_and_says_so_once()
    {
        var ctx = WithStore();
        _store.Inner.Failing = true;

        var results = ctx.AddRange(Batch(5));

        Assert.Equal(5, ctx.StoreWritesPending);
        var fault = Assert.Single(results.SelectMany(r => r.Faults));
        Assert.Equal(5, fault.QueuedWrites);
        Assert.Same(fault, results[^1].Faults.Single());
    }

    [Fact]
    public void A_null_in_the_list_is_refused_before_anything_is_added()
    {
        var ctx = new SslContext("t", _clock);

        Assert.Throws<ArgumentException>(() => ctx.AddRange(new[] { Sessions.Make(_clock, 1), null! }));
        Assert.Empty(ctx.GetSessions());
    }
}
