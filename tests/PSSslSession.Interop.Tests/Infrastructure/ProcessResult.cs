namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>What a finished child process left behind.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Everything the process printed, for assertion messages.</summary>
    public string Describe() => $"`{CommandLine}` exited with {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}
