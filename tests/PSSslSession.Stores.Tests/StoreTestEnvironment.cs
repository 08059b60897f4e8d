using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace PSSslSession.Stores.Tests
{
    /// <summary>What the store tests need from the machine: the Redis server tests/run starts, the probe process, temp folders.</summary>
    public static class StoreTestEnvironment
    {
        public const string RedisVariable = "PSSSLSESSION_REDIS";

        /// <summary>The Redis server of tests/run. Missing → the test fails (never a silent skip).</summary>
        public static RedisStoreOptions RedisOptions(string? keyPrefix = null)
        {
            var address = Environment.GetEnvironmentVariable(RedisVariable);
            if (string.IsNullOrWhiteSpace(address))
                throw new InvalidOperationException(
                    $"{RedisVariable} is not set. The Redis store tests need a redis-server: run ./tests/run (it starts one on 127.0.0.1 and sets {RedisVariable}=host:port), or start one yourself and export {RedisVariable}.");
            var options = RedisStoreOptions.Parse(address);
            // A prefix per test keeps tests independent on the shared server.
            options.KeyPrefix = keyPrefix ?? "pss-test-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ":";
            return options;
        }

        /// <summary>A fresh folder under the temp directory, deleted by the caller's using.</summary>
        public static TempFolder NewFolder() => new TempFolder();

        /// <summary>The probe's build output (PSSslSession.Stores.Probe.dll and its runtimeconfig/deps).</summary>
        public static string ProbeDirectory =>
            typeof(StoreTestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProbeDirectory").Value!;

        /// <summary>Starts the probe (dotnet exec) with stdout redirected.</summary>
        public static Process StartProbe(string directory, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add("--runtimeconfig");
            start.ArgumentList.Add(Path.Combine(directory, "PSSslSession.Stores.Probe.runtimeconfig.json"));
            start.ArgumentList.Add(Path.Combine(directory, "PSSslSession.Stores.Probe.dll"));
            foreach (var a in args) start.ArgumentList.Add(a);
            return Process.Start(start)!;
        }

        /// <summary>Runs the probe to completion (60 s at most) and returns its exit code and output.</summary>
        public static (int ExitCode, string Output, string Error) RunProbe(string directory, params string[] args)
        {
            using var p = StartProbe(directory, args);
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(60_000)) { p.Kill(true); throw new TimeoutException("The probe did not finish within 60 s."); }
            return (p.ExitCode, stdout, stderr.Result);
        }

        /// <summary>A TCP port that was free on 127.0.0.1 a moment ago.</summary>
        public static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        /// <summary>Sends one command to the Redis server (StackExchange.Redis, outside the store) and returns the reply's bytes (for byte-exact checks).</summary>
        public static byte[] RawCommand(RedisStoreOptions options, params byte[][] args)
        {
            var config = new StackExchange.Redis.ConfigurationOptions { AllowAdmin = true, DefaultDatabase = options.Database, User = options.UserName, Password = options.Password };
            config.EndPoints.Add(options.Host, options.Port);
            using var mux = StackExchange.Redis.ConnectionMultiplexer.Connect(config);
            var reply = mux.GetDatabase(options.Database).Execute(Encoding.ASCII.GetString(args[0]), args.Skip(1).Select(a => (object)a).ToArray());
            return reply.IsNull ? Array.Empty<byte>() : (byte[])reply!;
        }

        public static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);
    }

    /// <summary>A temp folder removed on dispose.</summary>
    public sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pss-stores-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
