using PSSslSession.Codec;
using PSSslSession.Engine.Cache;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests.Internals;

/// <summary>The open-addressing slot table behind every context: probing, backward-shift removal, growth and lock-free reads.</summary>
public class SessionIndexTests
{
    private static CacheEntry Entry(int n, long expiry = 1000, SslProtocol? protocol = null) =>
        new(Sessions.Make(n, 0, protocol: protocol)) { Expiry = expiry };

    private static SessionIndex Filled(int count, out CacheEntry[] entries)
    {
        var index = new SessionIndex();
        entries = new CacheEntry[count];
        for (int i = 0; i < count; i++)
        {
            entries[i] = Entry(i, expiry: 1000 + i);
            index.Set(entries[i].Key, entries[i], 0);
        }
        return index;
    }

    [Fact]
    public void A_key_set_is_found_with_its_session_expiry_and_tag()
    {
        var index = new SessionIndex();
        var e = Entry(1, expiry: 777);
        index.Set(e.Key, e, 5);

        Assert.True(index.TryGet(e.Key, out var found));
        Assert.Same(e.Session, found.Session);
        Assert.Same(e, found.Entry);
        Assert.Equal((777L, 5), (found.Expiry, found.SidCtxTag));
        Assert.Same(e, index.Find(e.Key));
    }

    [Fact]
    public void The_same_id_under_another_protocol_or_length_is_another_key()
    {
        var index = new SessionIndex();
        var e = Entry(1, protocol: SslProtocol.TLSv13);
        index.Set(e.Key, e, 0);

        Assert.False(index.TryGet(new CacheKey(SslProtocol.TLSv12.Number, e.Session.Id), out _));
        Assert.False(index.TryGet(new CacheKey(SslProtocol.TLSv13.Number, e.Session.Id.Span.Slice(0, 31)), out _));
        Assert.False(index.TryGet(new CacheKey(0x10304, e.Session.Id), out _));
    }

    [Fact]
    public void Setting_a_key_again_replaces_its_entry_in_the_same_slot()
    {
        var index = new SessionIndex();
        var first = Entry(1);
        var second = Entry(1, expiry: 2000);
        index.Set(first.Key, first, 0);
        index.Set(second.Key, second, 0);

        Assert.Equal(1, index.Count);
        Assert.True(index.TryGet(first.Key, out var found));
        Assert.Same(second, found.Entry);
        Assert.Equal(2000, found.Expiry);
        Assert.Null(index.Validate());
    }

    [Fact]
    public void Removing_half_of_many_keys_leaves_exactly_the_other_half_findable()
    {
        var index = Filled(2000, out var entries);
        for (int i = 0; i < entries.Length; i += 2) Assert.True(index.Remove(entries[i].Key));

        for (int i = 0; i < entries.Length; i++) Assert.Equal(i % 2 == 1, index.TryGet(entries[i].Key, out _));
        Assert.Equal(1000, index.Count);
        Assert.Null(index.Validate());
    }

    [Fact]
    public void Remove_with_another_entry_than_the_indexed_one_keeps_the_key()
    {
        var index = new SessionIndex();
        var indexed = Entry(1);
        index.Set(indexed.Key, indexed, 0);

        Assert.False(index.Remove(indexed.Key, Entry(1)));
        Assert.True(index.TryGet(indexed.Key, out _));
        Assert.True(index.Remove(indexed.Key, indexed));
        Assert.False(index.Remove(indexed.Key));
    }

    [Fact]
    public void Growing_keeps_every_key_and_the_array_at_most_80_percent_used()
    {
        var index = Filled(10000, out var entries);

        Assert.All(entries, e => Assert.True(index.TryGet(e.Key, out _)));
        Assert.True(index.Count * 5 <= index.Capacity * 4, $"{index.Count} keys in {index.Capacity} slots");
        Assert.Equal(0, index.Capacity & (index.Capacity - 1));
        Assert.Null(index.Validate());
    }

    [Fact]
    public void Steady_churn_of_adds_and_evictions_keeps_the_array_size_and_every_probe_intact()
    {
        // A full cache of 1000: every add evicts the oldest. Removals leave no dead slots, so nothing is ever rebuilt.
        var index = Filled(1000, out var initial);
        var live = new Queue<CacheEntry>(initial);
        int capacity = index.Capacity, rebuilds = index.Rebuilds;
        for (int n = 1000; n < 60000; n++)
        {
            index.Remove(live.Dequeue().Key);
            var e = Entry(n);
            index.Set(e.Key, e, 0);
            live.Enqueue(e);
        }

        Assert.Equal(capacity, index.Capacity);
        Assert.Equal(rebuilds, index.Rebuilds);
        Assert.All(live, e => Assert.True(index.TryGet(e.Key, out _)));
        Assert.Null(index.Validate());
    }

    [Fact]
    public void Removing_any_key_of_a_crowded_table_keeps_every_other_key_findable_and_every_run_unbroken()
    {
        // Thirteen keys in sixteen slots form long runs that wrap around the end; each removal shifts later keys back.
        for (int seed = 0; seed < 20; seed++)
        {
            for (int victim = 0; victim < 13; victim++)
            {
                var index = new SessionIndex();
                var entries = Enumerable.Range(seed * 13, 13).Select(i => Entry(i)).ToArray();
                foreach (var e in entries) index.Set(e.Key, e, 0);
                Assert.Equal(SessionIndex.MinCapacity, index.Capacity);

                Assert.True(index.Remove(entries[victim].Key));

                Assert.Null(index.Validate());
                for (int i = 0; i < entries.Length; i++)
                {
                    Assert.Equal(i != victim, index.TryGet(entries[i].Key, out var found));
                    if (i != victim) Assert.Same(entries[i], found.Entry);
                }
            }
        }
    }

    [Fact]
    public void Readers_never_miss_a_key_that_stays_while_the_keys_before_it_in_its_run_come_and_go()
    {
        // Twelve keys with one home slot form one run; the last stays, the eleven before it are removed and added
        // again in turn, so every removal moves the staying key back one slot while a reader probes the whole run for
        // it. A probe that passed the slot the key moved into, and then found its old slot empty, would miss it.
        var sameHome = Enumerable.Range(0, 100_000).Select(i => Entry(i)).GroupBy(e => e.Key.Hash & (SessionIndex.MinCapacity - 1)).First(g => g.Count() >= 12).Take(12).ToArray();
        var churning = new Queue<CacheEntry>(sameHome.Take(11));
        var staying = sameHome[11];
        var index = new SessionIndex();
        foreach (var e in sameHome) index.Set(e.Key, e, 0);
        Assert.Equal(SessionIndex.MinCapacity, index.Capacity);
        using var stop = new CancellationTokenSource();
        long missed = 0, reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (!index.TryGet(staying.Key, out _)) Interlocked.Increment(ref missed);
                Interlocked.Increment(ref reads);
            }
        });
        while (Interlocked.Read(ref reads) < 10000) Thread.Yield();
        // The race is narrow: without the move count, about every other run of this length sees a miss.
        for (int n = 0; n < 4000000; n++)
        {
            var e = churning.Dequeue();
            index.Remove(e.Key);
            index.Set(e.Key, e, 0);
            churning.Enqueue(e);
        }
        stop.Cancel();
        reader.Wait();

        Assert.Equal(0, missed);
        Assert.Null(index.Validate());
    }

    [Fact]
    public void The_array_shrinks_once_under_a_sixteenth_full()
    {
        var index = Filled(4000, out var entries);
        int grown = index.Capacity;
        for (int i = 0; i < 3900; i++) index.Remove(entries[i].Key);

        Assert.True(index.Capacity < grown / 4, $"{index.Capacity} slots left of {grown}");
        for (int i = 3900; i < 4000; i++) Assert.True(index.TryGet(entries[i].Key, out _));
        Assert.Null(index.Validate());
    }

    [Fact]
    public void A_dead_entry_is_absent_only_while_it_expires_before_the_flush_mark()
    {
        var index = new SessionIndex();
        var flushed = Entry(1, expiry: 100);
        var earlyButLive = Entry(2, expiry: 150);
        index.Set(flushed.Key, flushed, 0);
        index.Set(earlyButLive.Key, earlyButLive, 0);

        index.NoteFlushing(200);
        flushed.Dead = true;

        Assert.False(index.TryGet(flushed.Key, out _));
        Assert.True(index.TryGet(earlyButLive.Key, out _));
        Assert.Same(flushed, index.Find(flushed.Key));
    }

    [Fact]
    public void Clearing_sid_ctx_tags_keeps_keys_and_zeroes_every_tag()
    {
        var index = new SessionIndex();
        var e = Entry(1);
        index.Set(e.Key, e, SessionIndex.MaxTag);

        index.ClearSidCtxTags();

        Assert.True(index.TryGet(e.Key, out var found));
        Assert.Equal(0, found.SidCtxTag);
    }

    [Fact]
    public void Readers_racing_a_writer_that_reuses_slots_never_get_a_session_under_another_key()
    {
        // Twelve keys in a 16-slot array collide constantly; the writer removes and re-adds them in random order, so
        // slots keep passing from one key to another while readers probe.
        var index = new SessionIndex();
        var entries = Enumerable.Range(0, 12).Select(i => Entry(i)).ToArray();
        foreach (var e in entries) index.Set(e.Key, e, 0);
        using var stop = new CancellationTokenSource();
        long wrong = 0, reads = 0;
        var readers = Enumerable.Range(0, 1).Select(t => Task.Run(() =>
        {
            var random = new Random(t);
            while (!stop.IsCancellationRequested)
            {
                var probe = entries[random.Next(entries.Length)];
                if (index.TryGet(probe.Key, out var found) && (!ReferenceEquals(found.Session, probe.Session) || !ReferenceEquals(found.Entry, probe)))
                    Interlocked.Increment(ref wrong);
                Interlocked.Increment(ref reads);
            }
        })).ToArray();
        // Start writing only once the reader runs (one reader: with the writer, both cores of a small machine).
        while (Interlocked.Read(ref reads) < 10000) Thread.Yield();
        var writerRandom = new Random(99);
        for (int n = 0; n < 3000000; n++)
        {
            var e = entries[writerRandom.Next(entries.Length)];
            if (!index.Remove(e.Key)) index.Set(e.Key, e, 0);
        }
        stop.Cancel();
        Task.WaitAll(readers);

        Assert.Equal(0, wrong);
        Assert.Null(index.Validate());
    }

    [Theory]
    [InlineData(32)]
    [InlineData(16)]
    [InlineData(0)]
    public void Looking_up_by_id_bytes_finds_exactly_what_the_key_finds(int idLength)
    {
        var index = new SessionIndex();
        var id = Enumerable.Range(1, idLength).Select(b => (byte)b).ToArray();
        var e = new CacheEntry(Sessions.Make(1, 0, protocol: SslProtocol.TLSv12, id: id)) { Expiry = 9 };
        index.Set(e.Key, e, 0);

        Assert.True(index.TryGet(SslProtocol.TLSv12.Number, id, out var found));
        Assert.Same(e.Session, found.Session);
        Assert.True(index.Contains(SslProtocol.TLSv12.Number, id));
        Assert.False(index.Contains(SslProtocol.TLSv13.Number, id));
        Assert.False(index.Contains(SslProtocol.TLSv12.Number | 0x10000, id));
    }

    [Fact]
    public void Reserve_grows_the_array_so_the_keys_fill_at_most_half_and_never_shrinks_it()
    {
        var index = Filled(100, out var entries);

        index.Reserve(5000);
        Assert.True(index.Capacity >= 10000, $"{index.Capacity} slots");
        int reserved = index.Capacity;
        index.Reserve(10);

        Assert.Equal(reserved, index.Capacity);
        Assert.All(entries, e => Assert.True(index.TryGet(e.Key, out _)));
        Assert.Null(index.Validate());
    }
}
