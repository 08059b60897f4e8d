using PSSslSession.CacheDifferential;
using Xunit;
using Xunit.Abstractions;

namespace PSSslSession.Interop.Tests;

/// <summary>
/// The engine with OpenSslCompat against OpenSSL 3.0's own session cache (libssl through its public API, with a real
/// TLS 1.2 ClientHello for lookups): the same operation scripts, the traces compared after every operation
/// (tests/PSSslSession.CacheDifferential; `dotnet run` there runs thousands).
/// </summary>
public sealed class CacheDifferentialTests(ITestOutputHelper output)
{
    /// <summary>Fixed, so that a failure here reproduces with `--seed 160000 --count 500`.</summary>
    private const int FirstSeed = 160000;

    private static Script Scenario(params string[] commands) => new("scenario", commands);

    // Issue 16, behaviour 1: the very same instance added again, then a flush past both expiries.
    private static readonly Script ReAddThenFlush = Scenario(
        "new 0 01 0 10 -", "new 1 02 0 10 -", "add 0", "add 1", "add 0", "flush 11");

    // Behaviour 1 with eviction: size 3 (2 with OpenSSL's capacity), then a later-expiring add.
    private static readonly Script ReAddThenEvict = Scenario(
        "size 3", "new 0 01 0 10 -", "new 1 02 0 10 -", "add 0", "add 1", "add 0", "new 2 03 0 100 -", "add 2");

    // Issue 16, behaviour 2: an empty-id session expiring first in a size-1 and a size-2 cache.
    private static readonly Script EmptyIdFirstToExpire = Scenario(
        "size 1", "new 0 - 0 10 -", "new 1 01 0 20 -", "add 0", "add 1", "size 2", "new 2 02 0 30 -", "add 2");

    [Fact]
    public void The_engine_with_OpenSslCompat_agrees_with_libssl_on_500_generated_scripts()
    {
        var report = DifferentialRun.Run(count: 500, firstSeed: FirstSeed, operations: 40);
        output.WriteLine(report.Summary());
        Assert.True(report.Disagreements.Count == 0, string.Join("\n\n", report.Disagreements.Take(3)));
        Assert.True(report.Operations >= 500 * 40, $"{report.Operations} operations");
    }

    [Fact]
    public void The_generated_scripts_reach_both_deliberate_differences()
    {
        // Each named difference must occur, or the comparison could not show that it sets aside only its own events.
        var report = DifferentialRun.Run(count: 100, firstSeed: FirstSeed, operations: 40);
        foreach (var name in DeliberateDifferences.Names)
            Assert.True(report.DeliberateDifferencesApplied.TryGetValue(name, out int n) && n > 0, $"{name} never occurred");
    }

    [Theory]
    [MemberData(nameof(IssueScenarios))]
    public void The_engine_with_OpenSslCompat_agrees_with_libssl_on_the_issue_scenarios(string name)
    {
        var report = DifferentialRun.Compare(new[] { IssueScenario(name) });
        Assert.True(report.Disagreements.Count == 0, string.Join("\n", report.Disagreements));
    }

    [Theory]
    [MemberData(nameof(IssueScenarios))]
    public void The_comparison_sees_the_module_defaults_differ_from_libssl_on_the_issue_scenarios(string name)
    {
        // Without OpenSslCompat the module keeps its deliberate defaults, and the comparison has to notice.
        var report = DifferentialRun.Compare(new[] { IssueScenario(name) }, openSslCompat: false);
        var disagreement = Assert.Single(report.Disagreements);
        output.WriteLine(disagreement.ToString());
    }

    [Fact]
    public void Libssl_evicts_the_earlier_of_two_equal_expiries_after_a_re_add_of_the_first()
    {
        var libssl = NativeDriver.Run(new[] { ReAddThenEvict })["scenario"];
        Assert.StartsWith("1 | h1:Evicted |", libssl[^1]);
    }

    [Fact]
    public void Libssl_keeps_an_empty_id_session_past_the_cache_size()
    {
        var libssl = NativeDriver.Run(new[] { EmptyIdFirstToExpire })["scenario"];
        Assert.Contains("n=2 ", libssl[4]);
        Assert.Contains("n=3 ", libssl[^1]);
    }

    public static TheoryData<string> IssueScenarios() => new() { nameof(ReAddThenFlush), nameof(ReAddThenEvict), nameof(EmptyIdFirstToExpire) };

    private static Script IssueScenario(string name) => name switch
    {
        nameof(ReAddThenFlush) => ReAddThenFlush,
        nameof(ReAddThenEvict) => ReAddThenEvict,
        _ => EmptyIdFirstToExpire,
    };
}
