namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>Obtains one real session per <see cref="SessionKind"/> from the server, once, on first use.</summary>
public sealed class RealSessions
{
    private readonly OpenSslServer _server;
    private readonly Dictionary<SessionKind, Task<RealSession>> _sessions = new();

    public RealSessions(OpenSslServer server) => _server = server;

    public Task<RealSession> GetAsync(SessionKind kind)
    {
        lock (_sessions)
        {
            if (!_sessions.TryGetValue(kind, out var task)) _sessions[kind] = task = ObtainAsync(kind);
            return task;
        }
    }

    private async Task<RealSession> ObtainAsync(SessionKind kind)
    {
        var pemPath = _server.Directory.File($"{kind}.pem");
        var derPath = _server.Directory.File($"{kind}.der");
        var handshake = await OpenSslClient.ConnectAsync(_server, kind.ClientOptions(), sessionOut: pemPath);
        if (handshake.Reused || !File.Exists(pemPath))
            throw new InvalidOperationException($"s_client did not write a new {kind} session.\n{handshake.Output.Describe()}");
        await OpenSslCli.RunCheckedAsync("sess_id", "-in", pemPath, "-outform", "DER", "-out", derPath);
        return new RealSession(kind, pemPath, await File.ReadAllTextAsync(pemPath), await File.ReadAllBytesAsync(derPath), handshake);
    }
}
