using PSSslSession.Fuzz;
using PSSslSession.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace PSSslSession.Interop.Tests;

/// <summary>
/// CI replays what fuzzing found (issue 14; fuzz/run fuzzes, this does not): every input of fuzz/corpus/&lt;target&gt; and
/// every crash or hang reproducer in fuzz/crashes/&lt;target&gt; runs through its target, which lets through only the
/// exceptions its parser documents for bad input.
/// </summary>
public sealed class FuzzCorpusReplayTests(ITestOutputHelper output)
{
    public static TheoryData<string> Targets() => new(FuzzTargets.All.Keys);

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_corpus_and_crash_input_of_a_target_runs_without_a_crash(string target)
    {
        var files = new[] { "corpus", "crashes" }
            .Select(kind => Path.Combine(RepositoryPaths.Root, "fuzz", kind, target))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles)
            .ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            try { FuzzTargets.All[target](File.ReadAllBytes(file)); }
            catch (Exception e) { throw new Xunit.Sdk.XunitException($"{Path.GetRelativePath(RepositoryPaths.Root, file)}: {e}"); }
        }
        output.WriteLine($"{target}: {files.Count} inputs");
    }
}
