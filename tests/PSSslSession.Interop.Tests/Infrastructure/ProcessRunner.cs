using System.Diagnostics;
using System.Text;

namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>
/// Runs a short-lived process with a hard time limit: on expiry the whole process tree is killed
/// and a <see cref="TimeoutException"/> says which command hung, so no test can hang on a child.
/// </summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, string? standardInput, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var commandLine = fileName + " " + string.Join(" ", arguments);

        using var process = new Process { StartInfo = info };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (stdout) stdout.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (stderr) stderr.Append(e.Data).Append('\n'); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = new CancellationTokenSource(timeout);
        try
        {
            try
            {
                if (standardInput != null) await process.StandardInput.WriteAsync(standardInput.AsMemory(), limit.Token);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The child exited without reading its input (e.g. it failed early); its exit code tells why.
            }
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            ChildProcesses.KillTree(process);
            throw new TimeoutException($"`{commandLine}` did not finish within {timeout.TotalSeconds:0.#} s and was killed.\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}");
        }
        // WaitForExitAsync also waits for the redirected streams to reach end of file.
        return new ProcessResult(commandLine, process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
