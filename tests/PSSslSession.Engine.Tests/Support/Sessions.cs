using PSSslSession.Codec;

namespace PSSslSession.Engine.Tests.Support;

/// <summary>Builds test sessions with SslSessionBuilder.</summary>
public static class Sessions
{
    public static readonly SslCipher Tls13Cipher = SslCipher.FromCode(0x1301)!;
    public static readonly SslCipher Tls12Cipher = SslCipher.FromCode(0xC02C)!;

    public static byte[] IdBytes(int n)
    {
        var id = new byte[32];
        BitConverter.GetBytes(n).CopyTo(id, 0);
        id[31] = 0xA5;
        return id;
    }

    public static SessionId Id(int n) => new(IdBytes(n));

    public static SslSession Make(int n, long start, long timeout = 300, SslProtocol? protocol = null, byte[]? sidCtx = null, byte[]? id = null, byte[]? ticket = null)
    {
        var p = protocol ?? SslProtocol.TLSv13;
        return new SslSessionBuilder
        {
            Protocol = p,
            Cipher = p.IsTls13 ? Tls13Cipher : Tls12Cipher,
            SessionId = id ?? IdBytes(n),
            MasterKey = new byte[32],
            StartTimeUnixSeconds = start,
            TimeoutSeconds = timeout,
            SessionIdContext = sidCtx ?? Array.Empty<byte>(),
            Ticket = ticket,
        }.Build();
    }

    public static SslSession Make(FakeClock clock, int n, long timeout = 300, SslProtocol? protocol = null, byte[]? sidCtx = null) =>
        Make(n, clock.Seconds, timeout, protocol, sidCtx);
}
