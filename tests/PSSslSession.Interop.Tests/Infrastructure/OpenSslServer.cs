using System.Diagnostics;
using System.Text;
using Xunit;

namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>
/// A throwaway <c>openssl s_server</c> on 127.0.0.1 for a whole test collection: self-signed RSA 2048
/// and ECDSA P-256 certificates for CN=localhost (so both RSA and ECDSA suites negotiate), ALPN
/// h2 and http/1.1, and <c>-www</c> so each connection gets one HTTP answer and is closed.
/// The server process is killed on dispose, whether the tests passed or not, and when the test host exits.
/// </summary>
public sealed class OpenSslServer : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private const int MaxLogChars = 64 * 1024;

    private readonly StringBuilder _log = new();
    private Process? _process;

    public OpenSslServer()
    {
        Directory = new TempDirectory("pss-interop");
        Sessions = new RealSessions(this);
    }

    /// <summary>Holds the certificates, and the session files the tests write.</summary>
    public TempDirectory Directory { get; }

    /// <summary>The TCP port on 127.0.0.1 the server accepts on.</summary>
    public int Port { get; private set; }

    /// <summary>The sessions obtained from this server, one per <see cref="SessionKind"/>, made on first use.</summary>
    public RealSessions Sessions { get; }

    /// <summary>What the server printed so far (bounded), for failure messages.</summary>
    public string Log { get { lock (_log) return _log.ToString(); } }

    public async Task InitializeAsync()
    {
        try
        {
            await OpenSslCli.RunCheckedAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "2",
                "-keyout", Directory.File("rsa.key"), "-out", Directory.File("rsa.crt"));
            await OpenSslCli.RunCheckedAsync("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/CN=localhost", "-days", "2", "-keyout", Directory.File("ec.key"), "-out", Directory.File("ec.crt"));

            // The port is free when picked but may be taken before s_server binds it: retry with another.
            for (int attempt = 1; ; attempt++)
            {
                if (await TryStartAsync(FreeTcpPort.Pick())) return;
                if (attempt == 5) throw new InvalidOperationException("openssl s_server did not start after 5 attempts.\n" + Log);
            }
        }
        catch
        {
            Stop();
            throw;
        }
    }

    private async Task<bool> TryStartAsync(int port)
    {
        var info = new ProcessStartInfo(OpenSslCli.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in new[]
                 {
                     "s_server", "-accept", $"127.0.0.1:{port}",
                     "-cert", Directory.File("rsa.crt"), "-key", Directory.File("rsa.key"),
                     "-dcert", Directory.File("ec.crt"), "-dkey", Directory.File("ec.key"),
                     "-alpn", "h2,http/1.1", "-www",
                 })
            info.ArgumentList.Add(argument);

        var process = new Process { StartInfo = info };
        // Both pipes are drained all the time: a full pipe would block the server mid-handshake.
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        AppDomain.CurrentDomain.ProcessExit += KillOnHostExit;

        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) break;
            if (await FreeTcpPort.AcceptsAsync(port, TimeSpan.FromSeconds(1)))
            {
                Port = port;
                return true;
            }
            await Task.Delay(50);
        }
        Stop();
        return false;
    }

    private void Append(string? line)
    {
        if (line == null) return;
        lock (_log)
        {
            if (_log.Length + line.Length > MaxLogChars) _log.Remove(0, Math.Min(_log.Length, line.Length + 1));
            _log.Append(line).Append('\n');
        }
    }

    private void KillOnHostExit(object? sender, EventArgs e) => Stop();

    private void Stop()
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process == null) return;
        AppDomain.CurrentDomain.ProcessExit -= KillOnHostExit;
        ChildProcesses.KillTree(process);
        process.Dispose();
    }

    public Task DisposeAsync()
    {
        Stop();
        Directory.Dispose();
        return Task.CompletedTask;
    }
}
