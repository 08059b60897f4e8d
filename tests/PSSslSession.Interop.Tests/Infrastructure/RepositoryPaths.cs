namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>Folders of the repository the tests read (found from the test assembly's location).</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding PSSslSession.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>samples/: the committed real sessions.</summary>
    public static string Samples => Path.Combine(Root, "samples");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "PSSslSession.sln"))) return directory.FullName;
        throw new InvalidOperationException($"PSSslSession.sln was not found above {AppContext.BaseDirectory}.");
    }
}
