using System.Diagnostics;
using System.Net.Sockets;

namespace PSSslSession.Stores.Tests
{
    /// <summary>A throwaway redis-server of this test's own on 127.0.0.1 (for outages: stop it, start it again on the same port).</summary>
    public sealed class RedisServerProcess : IDisposable
    {
        private readonly TempFolder _dir = new TempFolder();
        private Process? _process;

        public RedisServerProcess(int port, params string[] extraArgs)
        {
            Port = port;
            ExtraArgs = extraArgs;
            Start();
        }

        public int Port { get; }

        /// <summary>The server's process id while it runs (to freeze it with SIGSTOP in a test).</summary>
        public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The server is not running.");
        public string[] ExtraArgs { get; }

        public void Start()
        {
            var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _dir.Path }.Concat(ExtraArgs))
                start.ArgumentList.Add(a);
            try
            {
                _process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException("redis-server is not installed (Debian package redis-server; tests/run installs it).", ex);
            }
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline)
            {
                if (_process.HasExited) throw new InvalidOperationException($"redis-server exited at once (port {Port} taken?).");
                try
                {
                    using var probe = new TcpClient();
                    probe.Connect("127.0.0.1", Port);
                    return;
                }
                catch (SocketException)
                {
                    Thread.Sleep(50);
                }
            }
            throw new TimeoutException($"redis-server did not listen on 127.0.0.1:{Port} within 10 s.");
        }

        /// <summary>SIGKILL: the outage begins at once, connections drop without a goodbye.</summary>
        public void Stop()
        {
            if (_process == null) return;
            _process.Kill();
            _process.WaitForExit();
            _process.Dispose();
            _process = null;
        }

        public void Dispose()
        {
            Stop();
            _dir.Dispose();
        }
    }
}
