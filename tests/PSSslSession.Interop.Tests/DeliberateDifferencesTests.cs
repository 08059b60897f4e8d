using PSSslSession.CacheDifferential;
using Xunit;

namespace PSSslSession.Interop.Tests;

/// <summary>How the named deliberate differences rewrite libssl's trace lines: only their own marked events.</summary>
public sealed class DeliberateDifferencesTests
{
    private readonly Dictionary<string, int> _applied = new();

    [Fact]
    public void A_callback_for_an_absent_session_is_set_aside_by_name()
    {
        var line = DeliberateDifferences.Apply("0 | h3:Removed{absent} | n=0 hits=0 misses=0 timeouts=0 full=0 |", _applied);
        Assert.Equal("0 | - | n=0 hits=0 misses=0 timeouts=0 full=0 |", line);
        Assert.Equal(1, _applied[DeliberateDifferences.RemoveCallbackForAbsentSession]);
    }

    [Fact]
    public void A_callback_given_the_argument_names_the_instance_that_left()
    {
        var line = DeliberateDifferences.Apply("1 | h7:Removed{cached=h5} | n=1 hits=0 misses=0 timeouts=0 full=0 | h2", _applied);
        Assert.Equal("1 | h5:Removed | n=1 hits=0 misses=0 timeouts=0 full=0 | h2", line);
        Assert.Equal(1, _applied[DeliberateDifferences.RemoveCallbackGetsTheCachedInstance]);
    }

    [Fact]
    public void Unmarked_events_results_counters_and_cached_instances_pass_unchanged()
    {
        const string line = "1 | h0:Evicted h4:Evicted | n=2 hits=1 misses=0 timeouts=0 full=2 | h1 h2";
        Assert.Equal(line, DeliberateDifferences.Apply(line, _applied));
        Assert.Empty(_applied);
    }

    [Fact]
    public void An_unknown_mark_is_kept_so_that_the_comparison_fails()
    {
        const string line = "1 | h0:Evicted{other} | n=0 hits=0 misses=0 timeouts=0 full=1 |";
        Assert.Equal(line, DeliberateDifferences.Apply(line, _applied));
    }
}
