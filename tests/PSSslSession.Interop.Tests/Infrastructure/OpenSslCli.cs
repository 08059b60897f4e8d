namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>
/// The <c>openssl</c> command-line tool these tests compare against. A missing tool is a test
/// failure with a clear message, never a silent skip: <c>tests/run</c> installs it.
/// </summary>
public static class OpenSslCli
{
    /// <summary>Time limit for one short openssl command (key generation, sess_id, …).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly Lazy<string> LazyPath = new(Locate);

    /// <summary>Full path of the openssl executable on PATH.</summary>
    /// <exception cref="InvalidOperationException">openssl is not installed.</exception>
    public static string Path => LazyPath.Value;

    public static Task<ProcessResult> RunAsync(params string[] arguments) => RunAsync(arguments, null, DefaultTimeout);

    public static Task<ProcessResult> RunAsync(IReadOnlyList<string> arguments, string? standardInput, TimeSpan timeout) =>
        ProcessRunner.RunAsync(Path, arguments, standardInput, timeout);

    /// <summary>Runs openssl and fails with its whole output unless it exits with 0.</summary>
    public static async Task<ProcessResult> RunCheckedAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        if (result.ExitCode != 0) throw new InvalidOperationException(result.Describe());
        return result;
    }

    /// <summary>The first line of <c>openssl version</c>, e.g. "OpenSSL 3.0.19 27 Jan 2026 (…)".</summary>
    public static async Task<string> VersionAsync() => (await RunCheckedAsync("version")).StdOut.Trim();

    private static string Locate()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "openssl.exe" } : new[] { "openssl" };
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator))
        {
            if (directory.Length == 0) continue;
            foreach (var name in names)
            {
                var candidate = System.IO.Path.Combine(directory, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new InvalidOperationException(
            "The interop tests need the openssl command-line tool on PATH, and it was not found. " +
            "tests/run installs it (apt-get install openssl); or install OpenSSL 3.x yourself.");
    }
}
