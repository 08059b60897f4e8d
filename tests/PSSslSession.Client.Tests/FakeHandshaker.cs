using PSSslSession.Client;

namespace PSSslSession.Client.Tests;

/// <summary>An <see cref="ITlsHandshaker"/> that answers each handshake from a script and records what was asked.</summary>
internal sealed class FakeHandshaker : ITlsHandshaker
{
    private readonly Queue<Func<TlsHandshakeRequest, TlsHandshakeResult>> _answers = new();

    public List<TlsHandshakeRequest> Requests { get; } = new();

    public FakeHandshaker Then(TlsHandshakeResult result) { _answers.Enqueue(_ => result); return this; }

    public FakeHandshaker Then(Func<TlsHandshakeRequest, TlsHandshakeResult> answer) { _answers.Enqueue(answer); return this; }

    public FakeHandshaker ThenFail(TlsClientException failure) { _answers.Enqueue(_ => throw failure); return this; }

    public TlsHandshakeResult Handshake(TlsHandshakeRequest request, CancellationToken cancel)
    {
        Requests.Add(request);
        if (_answers.Count == 0) throw new InvalidOperationException($"Handshake #{Requests.Count} was not expected.");
        return _answers.Dequeue()(request);
    }

    public static TlsHandshakeResult Tls12(byte[]? sessionId = null, byte[]? ticket = null, bool resumed = false) => new()
    {
        Version = 0x0303,
        CipherSuite = 0xC030, // ECDHE-RSA-AES256-GCM-SHA384
        SessionId = sessionId ?? Array.Empty<byte>(),
        MasterSecret = Enumerable.Repeat((byte)0x5A, 48).ToArray(),
        ExtendedMasterSecret = true,
        Ticket = ticket,
        TicketLifetimeHint = ticket == null ? 0 : 7200,
        Resumed = resumed,
        Completed = DateTimeOffset.UtcNow,
    };

    public static TlsHandshakeResult Tls13(int tickets) => new()
    {
        Version = 0x0304,
        CipherSuite = 0x1302, // TLS_AES_256_GCM_SHA384
        ExtendedMasterSecret = true,
        Tls13TicketCount = tickets,
        Tls13TicketLifetime = tickets == 0 ? 0 : 7200,
        Completed = DateTimeOffset.UtcNow,
    };

    public static TlsClientException VersionRefused() =>
        new(TlsClientError.HandshakeFailed, "protocol_version", alertReceived: TlsClientException.ProtocolVersionAlert);
}
