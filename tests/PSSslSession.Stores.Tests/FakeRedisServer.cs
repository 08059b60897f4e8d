using System.Net;
using System.Net.Sockets;
using System.Text;
using PSSslSession.Stores.Redis;

namespace PSSslSession.Stores.Tests
{
    /// <summary>
    /// A misbehaving "Redis" on 127.0.0.1: reads RESP commands and answers with whatever bytes the test scripts
    /// (null closes the connection; an empty array sends nothing, so the client times out).
    /// </summary>
    public sealed class FakeRedisServer : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly Func<string[], byte[]?> _answer;
        private readonly Thread _thread;
        private volatile bool _stopped;
        private int _connections;

        public FakeRedisServer(Func<string[], byte[]?> answer)
        {
            _answer = answer;
            _listener.Start();
            _thread = new Thread(Serve) { IsBackground = true };
            _thread.Start();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Connections => Volatile.Read(ref _connections);

        public RedisStoreOptions Options(double operationTimeoutSeconds = 2) => new RedisStoreOptions
        {
            Host = "127.0.0.1",
            Port = Port,
            KeyPrefix = "fake:",
            ConnectTimeout = TimeSpan.FromSeconds(2),
            OperationTimeout = TimeSpan.FromSeconds(operationTimeoutSeconds),
            ReconnectDelay = TimeSpan.Zero,
            MaxReconnectDelay = TimeSpan.Zero,
        };

        /// <summary>Answers PING with PONG and everything else with <paramref name="reply"/>.</summary>
        public static FakeRedisServer AnsweringAfterPing(byte[]? reply) =>
            new FakeRedisServer(cmd => cmd[0] == "PING" ? Encoding.ASCII.GetBytes("+PONG\r\n") : reply);

        public static byte[] Bytes(string s) => Encoding.ASCII.GetBytes(s);

        private static readonly byte[] CloseMarker = Encoding.ASCII.GetBytes("\0close\0");

        /// <summary>Sends <paramref name="s"/> and then closes the connection.</summary>
        public static byte[] ThenClose(string s) => CloseMarker.Concat(Bytes(s)).ToArray();

        private void Serve()
        {
            while (!_stopped)
            {
                TcpClient client;
                try { client = _listener.AcceptTcpClient(); }
                catch (SocketException) { return; }
                catch (ObjectDisposedException) { return; }
                Interlocked.Increment(ref _connections);
                new Thread(() => Handle(client)) { IsBackground = true }.Start();
            }
        }

        private void Handle(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var reader = new RespReader(stream);
                    while (!_stopped)
                    {
                        var request = reader.Read();
                        var args = request.Items!.Select(i => i.Text).ToArray();
                        var reply = _answer(args);
                        if (reply == null) return;
                        var close = reply.AsSpan().StartsWith(CloseMarker);
                        stream.Write(close ? reply.AsSpan(CloseMarker.Length) : reply);
                        if (close) { stream.Flush(); return; }
                    }
                }
                catch (SessionStoreException) { }
                catch (IOException) { }
            }
        }

        public void Dispose()
        {
            _stopped = true;
            _listener.Stop();
        }
    }
}
