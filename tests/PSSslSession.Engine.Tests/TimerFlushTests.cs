using System.Collections.Concurrent;
using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>
/// FlushInterval (issue 12, field note 11): expired sessions leave on a timer without any call; remove callbacks with a
/// background context get the timer's removals posted there, each exactly once; the timer stops with the context.
/// </summary>
public class TimerFlushTests
{
    private static readonly TimeSpan Tick = SslContext.MinFlushInterval;
    private readonly FakeClock _clock = new();

    /// <summary>Records posts instead of running them, so a test decides when and where they run.</summary>
    private class RecordingContext : SynchronizationContext
    {
        public readonly ConcurrentQueue<(SendOrPostCallback Work, object? State)> Posted = new();
        public override void Post(SendOrPostCallback d, object? state) => Posted.Enqueue((d, state));
        public void RunAll() { while (Posted.TryDequeue(out var p)) p.Work(p.State); }
    }

    private static void WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bounded.Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Timed out waiting for {what}.");
            Thread.Sleep(5);
        }
    }

    private SslContext ContextWithExpired(int count, out List<SslSession> sessions)
    {
        var ctx = new SslContext("t", _clock);
        sessions = Enumerable.Range(0, count).Select(i => Sessions.Make(i, _clock.Seconds - 100, timeout: 10)).ToList();
        foreach (var s in sessions) ctx.Add(s);
        return ctx;
    }

    [Fact]
    public void The_timer_flushes_expired_sessions_without_any_call()
    {
        using var ctx = ContextWithExpired(3, out _);
        ctx.Add(Sessions.Make(99, _clock.Seconds, timeout: 1000));
        ctx.FlushInterval = Tick;
        // Counted once the flush is announced, after the cache lock.
        WaitFor(() => ctx.GetStatistics().Flushes == 3, "the timer flush");
        Assert.Equal(1, ctx.Count);
    }

    [Fact]
    public void FlushInterval_zero_stops_the_timer()
    {
        using var ctx = new SslContext("t", _clock) { FlushInterval = TimeSpan.FromMinutes(1) };
        ctx.FlushInterval = TimeSpan.Zero;
        Assert.False(ctx.HasFlushTimer);
    }

    [Fact]
    public void A_closed_context_does_not_start_a_timer()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Close();
        ctx.FlushInterval = TimeSpan.FromMinutes(1);
        Assert.False(ctx.HasFlushTimer);
    }

    [Fact]
    public void A_remove_callback_with_a_background_context_gets_the_timer_batch_posted_not_run()
    {
        using var ctx = ContextWithExpired(3, out var sessions);
        var target = new RecordingContext();
        var seen = new List<(SslSession, SessionRemovalReason, int)>();
        ctx.RegisterRemoveCallback((_, s, why) => seen.Add((s, why, Environment.CurrentManagedThreadId)), "test", target);
        ctx.FlushInterval = Tick;
        // The post follows the flush once the cache lock is released.
        WaitFor(() => !target.Posted.IsEmpty, "the timer's post");
        ctx.FlushInterval = TimeSpan.Zero;
        Assert.Empty(seen);
        Assert.Single(target.Posted);

        target.RunAll();
        Assert.Equal(sessions, seen.Select(x => x.Item1));
        Assert.All(seen, x => Assert.Equal(SessionRemovalReason.Flushed, x.Item2));
        Assert.All(seen, x => Assert.Equal(Environment.CurrentManagedThreadId, x.Item3));
    }

    [Fact]
    public void Every_timer_removal_reaches_a_background_callback_exactly_once()
    {
        using var ctx = new SslContext("t", _clock);
        var target = new RecordingContext();
        var seen = new List<SslSession>();
        ctx.RegisterRemoveCallback((_, s, _) => seen.Add(s), "test", target);
        ctx.FlushInterval = Tick;
        var all = new List<SslSession>();
        for (int round = 0; round < 5; round++)
        {
            var batch = Enumerable.Range(round * 10, 10).Select(i => Sessions.Make(i, _clock.Seconds - 100, timeout: 10)).ToList();
            foreach (var s in batch) ctx.Add(s);
            all.AddRange(batch);
            WaitFor(() => { target.RunAll(); return seen.Count == all.Count; }, "the timer's removals");
        }
        ctx.FlushInterval = TimeSpan.Zero;
        Thread.Sleep(100);
        target.RunAll();
        Assert.Equal(all.Count, seen.Count);
        Assert.Equal(all.ToHashSet(), seen.ToHashSet());
    }

    [Fact]
    public void Callbacks_a_caller_triggers_still_run_on_the_callers_thread()
    {
        using var ctx = ContextWithExpired(1, out _);
        var target = new RecordingContext();
        var seen = new List<SslSession>();
        ctx.RegisterRemoveCallback((_, s, _) => seen.Add(s), "test", target);
        ctx.Flush(_clock.UtcNow);
        Assert.Single(seen);
        Assert.Empty(target.Posted);
    }

    [Fact]
    public void A_remove_callback_without_a_background_context_runs_on_the_timer_thread()
    {
        using var ctx = ContextWithExpired(1, out _);
        int thread = 0;
        ctx.RegisterRemoveCallback((_, _, _) => Volatile.Write(ref thread, Environment.CurrentManagedThreadId));
        ctx.FlushInterval = Tick;
        WaitFor(() => Volatile.Read(ref thread) != 0, "the callback");
        Assert.NotEqual(Environment.CurrentManagedThreadId, thread);
    }

    [Fact]
    public void A_failing_timer_callback_is_kept_for_the_next_caller_once()
    {
        using var ctx = ContextWithExpired(2, out _);
        var target = new RecordingContext();
        ctx.RegisterRemoveCallback((_, _, _) => throw new InvalidOperationException("boom"), "test", target);
        ctx.FlushInterval = Tick;
        WaitFor(() => !target.Posted.IsEmpty, "the timer's post");
        target.RunAll();
        var faults = ctx.TakeBackgroundFaults(out int dropped);
        Assert.Equal(2, faults.Count);
        Assert.All(faults, f => Assert.Equal(SslCacheFaultSource.RemoveCallback, f.Source));
        Assert.Equal(0, dropped);
        Assert.Empty(ctx.TakeBackgroundFaults(out _));
    }

    [Fact]
    public void A_callback_unregistered_before_delivery_is_not_called()
    {
        using var ctx = ContextWithExpired(2, out _);
        var target = new RecordingContext();
        int calls = 0;
        var registration = ctx.RegisterRemoveCallback((_, _, _) => calls++, "test", target);
        ctx.FlushInterval = Tick;
        WaitFor(() => !target.Posted.IsEmpty, "the timer's post");
        ctx.UnregisterCallback(registration);
        target.RunAll();
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Closing_the_context_stops_its_timer()
    {
        var ctx = new SslContext("t", _clock) { FlushInterval = TimeSpan.FromMinutes(1) };
        Assert.True(ctx.HasFlushTimer);
        ctx.Close();
        Assert.False(ctx.HasFlushTimer);
    }

    [Fact]
    public void An_unreferenced_context_with_a_timer_can_be_collected()
    {
        var weak = MakeUnreferencedContextWithTimer();
        for (int i = 0; i < 10 && weak.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(weak.IsAlive);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private WeakReference MakeUnreferencedContextWithTimer() => new(new SslContext("t", _clock) { FlushInterval = Tick });

    [Theory]
    [InlineData(-1.0)]
    [InlineData(0.001)]
    [InlineData(50.0 * 24 * 3600)]
    public void A_flush_interval_out_of_range_is_refused_with_InvalidFlushInterval(double seconds)
    {
        using var ctx = new SslContext("t", _clock);
        var e = Assert.Throws<SslContextException>(() => ctx.FlushInterval = TimeSpan.FromSeconds(seconds));
        Assert.Equal(SslContextError.InvalidFlushInterval, e.Reason);
    }

    [Fact]
    public void Configure_sets_the_flush_interval()
    {
        using var ctx = new SslContext("t", _clock);
        ctx.Configure(new SslContextSettings { FlushInterval = TimeSpan.FromMinutes(5) });
        Assert.Equal(TimeSpan.FromMinutes(5), ctx.FlushInterval);
    }

    /// <summary>A background context bound to one thread, as a runspace's event queue is.</summary>
    private sealed class BoundContext : RecordingContext, ICallbackThreadAffinity
    {
        public int Thread { get; set; } = Environment.CurrentManagedThreadId;
        public bool IsCurrentThread => Environment.CurrentManagedThreadId == Thread;
    }

    [Fact]
    public void A_remove_callback_bound_to_another_thread_gets_a_callers_removals_posted_there()
    {
        using var ctx = ContextWithExpired(2, out var sessions);
        var target = new BoundContext { Thread = -1 };
        var seen = new List<SslSession>();
        ctx.RegisterRemoveCallback((_, s, _) => seen.Add(s), "test", target);
        var result = ctx.Flush(_clock.UtcNow);
        Assert.Empty(result.Faults);
        Assert.Empty(seen);
        target.RunAll();
        Assert.Equal(sessions, seen);
    }

    [Fact]
    public void A_remove_callback_bound_to_the_callers_thread_runs_inline()
    {
        using var ctx = ContextWithExpired(1, out _);
        var target = new BoundContext();
        var seen = new List<SslSession>();
        ctx.RegisterRemoveCallback((_, s, _) => seen.Add(s), "test", target);
        ctx.Flush(_clock.UtcNow);
        Assert.Single(seen);
        Assert.Empty(target.Posted);
    }
}
