using System.Diagnostics;

namespace PSSslSession.CacheDifferential;

/// <summary>
/// native/cachedriver.c, built with gcc against the system libssl (libssl-dev) next to this assembly the first time it
/// is needed, and run over many scripts in one process.
/// </summary>
public static class NativeDriver
{
    private static readonly object BuildLock = new();

    /// <summary>The built driver's path; builds it when missing or older than its source.</summary>
    public static string EnsureBuilt()
    {
        string dir = AppContext.BaseDirectory;
        string source = Path.Combine(dir, "native", "cachedriver.c");
        string binary = Path.Combine(dir, "native", "cachedriver");
        lock (BuildLock)
        {
            if (File.Exists(binary) && File.GetLastWriteTimeUtc(binary) >= File.GetLastWriteTimeUtc(source)) return binary;
            // Built beside the target and renamed into place, so that a concurrent run never starts half a binary.
            string temporary = binary + "." + Environment.ProcessId + ".tmp";
            var (code, output) = RunProcess("gcc", new[] { "-O1", "-Wall", "-Wextra", "-Werror", "-o", temporary, source, "-lssl", "-lcrypto" }, null);
            if (code != 0)
                throw new InvalidOperationException($"Building the libssl driver failed (gcc exit {code}; it needs gcc and libssl-dev):\n{output}");
            File.Move(temporary, binary, overwrite: true);
            return binary;
        }
    }

    /// <summary>libssl's trace lines for each script, by script name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Run(IReadOnlyList<Script> scripts)
    {
        string binary = EnsureBuilt();
        var input = string.Concat(scripts.Select(s => s.ToDriverInput()));
        var (code, output) = RunProcess(binary, Array.Empty<string>(), input);
        if (code != 0) throw new InvalidOperationException($"The libssl driver failed (exit {code}):\n{Tail(output)}");

        var traces = new Dictionary<string, IReadOnlyList<string>>();
        List<string>? current = null;
        string? name = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("script ", StringComparison.Ordinal)) { name = line.Substring(7); current = new List<string>(); }
            else if (line == "end" && current != null) { traces[name!] = current; current = null; }
            else if (current != null) current.Add(line);
        }
        if (traces.Count != scripts.Count) throw new InvalidOperationException($"The libssl driver answered {traces.Count} of {scripts.Count} scripts:\n{Tail(output)}");
        return traces;
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text.Substring(text.Length - 4000);

    private static (int Code, string Output) RunProcess(string file, IEnumerable<string> arguments, string? input)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Written on its own task: the driver answers while it reads, and both pipes have finite buffers.
        var writer = Task.Run(() =>
        {
            try { if (input != null) process.StandardInput.Write(input); }
            catch (IOException) { /* the driver died early; its exit code and stderr say why */ }
            finally { process.StandardInput.Close(); }
        });
        process.WaitForExit();
        writer.Wait();
        string err = stderr.Result;
        return (process.ExitCode, stdout.Result + (err.Length > 0 ? "\n" + err : ""));
    }
}
