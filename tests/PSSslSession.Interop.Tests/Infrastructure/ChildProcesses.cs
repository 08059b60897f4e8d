using System.Diagnostics;

namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>Ends child processes this test run started, with everything they started.</summary>
public static class ChildProcesses
{
    public static void KillTree(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone (or never started): nothing left to end.
        }
    }
}
