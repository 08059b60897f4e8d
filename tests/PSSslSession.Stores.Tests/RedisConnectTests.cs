using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PSSslSession.Stores;
using PSSslSession.Stores.Redis;
using Xunit;

namespace PSSslSession.Stores.Tests;

/// <summary>
/// A Redis host with several addresses (issue 14): an address that does not answer must not use up the whole connect
/// timeout; the next one is tried. Loopback only: a listener that never accepts, with its queue full, stands for the
/// address that does not answer (the kernel drops further SYNs, so connects hang).
/// </summary>
public sealed class RedisConnectTests : IDisposable
{
    private readonly Socket _silent;
    private readonly List<Socket> _fillers = new();
    private readonly TcpListener _live;

    public RedisConnectTests()
    {
        _silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _silent.Listen(0);
        // Fill the accept queue (backlog 0 still queues one or two): later connects are not answered.
        for (int i = 0; i < 8; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            if (!filler.ConnectAsync((IPEndPoint)_silent.LocalEndPoint!).Wait(200)) { filler.Dispose(); break; }
            _fillers.Add(filler);
        }
        _live = new TcpListener(IPAddress.Loopback, 0);
        _live.Start();
    }

    public void Dispose()
    {
        foreach (var f in _fillers) f.Dispose();
        _silent.Dispose();
        _live.Stop();
    }

    private IPEndPoint Silent => (IPEndPoint)_silent.LocalEndPoint!;
    private IPEndPoint Live => (IPEndPoint)_live.LocalEndpoint;

    [Fact]
    public async Task The_silent_endpoint_really_does_not_answer()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var connect = probe.ConnectAsync(Silent);
        Assert.NotSame(connect, await Task.WhenAny(connect, Task.Delay(500)));
    }

    [Fact]
    public void An_address_that_does_not_answer_leaves_time_for_the_next()
    {
        using var socket = RespConnection.ConnectFirst(new[] { Silent, Live }, TimeSpan.FromSeconds(2), Stopwatch.StartNew(), "test");
        Assert.Equal(Live.Port, ((IPEndPoint)socket.RemoteEndPoint!).Port);
    }

    [Fact]
    public void When_no_address_answers_the_error_names_each_and_the_timeout()
    {
        var e = Assert.Throws<SessionStoreException>(() =>
            RespConnection.ConnectFirst(new[] { Silent, Silent }, TimeSpan.FromMilliseconds(600), Stopwatch.StartNew(), "test"));
        Assert.Equal(SessionStoreError.Unreachable, e.Reason);
        Assert.Contains("timed out after 0.6 s", e.Message);
        Assert.Contains(Silent.ToString(), e.Message);
    }
}
