using System.Net;
using System.Net.Sockets;

namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>Loopback TCP ports for throwaway servers.</summary>
public static class FreeTcpPort
{
    /// <summary>
    /// A port on 127.0.0.1 that was free a moment ago (the kernel picks it). Another process can still
    /// take it before the server binds, so callers retry on a bind failure.
    /// </summary>
    public static int Pick()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
        finally { listener.Stop(); }
    }

    /// <summary>True when something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> AcceptsAsync(int port, TimeSpan timeout)
    {
        using var client = new TcpClient();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, limit.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
