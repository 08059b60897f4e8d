using PSSslSession.Codec;

namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>Hand-built sessions whose fields sit at the limits of the format (empty, longest, largest).</summary>
public static class EdgeValueSessions
{
    public static readonly string[] Names =
    {
        "empty id and key", "longest id, key and context", "largest numbers", "large ticket", "SSL_SESSION_new defaults",
        "DTLS 1.2", "one-byte strings", "ALPN with a NUL byte",
    };

    public static Xunit.TheoryData<string> All => new(Names);

    public static SslSession Build(string name)
    {
        var b = new SslSessionBuilder
        {
            Protocol = SslProtocol.TLSv12,
            Cipher = SslCipher.Parse("ECDHE-RSA-AES256-GCM-SHA384"),
            SessionId = new byte[32],
            MasterKey = new byte[48],
            StartTimeUnixSeconds = 1700000000,
            TimeoutSeconds = 7200,
            VerifyResult = 0,
            MaxFragmentLength = 0,
            KeyExchangeGroupId = 0x1D,
        };
        switch (name)
        {
            case "empty id and key":
                b.SessionId = Array.Empty<byte>();
                b.MasterKey = Array.Empty<byte>();
                break;
            case "longest id, key and context":
                b.SessionId = Enumerable.Repeat((byte)0xA5, SessionId.MaxLength).ToArray();
                b.MasterKey = Enumerable.Range(0, SslSessionCodec.MaxMasterKeyLength).Select(i => (byte)i).ToArray();
                b.SessionIdContext = Enumerable.Repeat((byte)0x5A, SslSessionCodec.MaxSessionIdContextLength).ToArray();
                break;
            case "largest numbers":
                b.StartTimeUnixSeconds = long.MaxValue / 2;
                b.TimeoutSeconds = long.MaxValue / 2;
                b.VerifyResult = int.MaxValue;
                b.TicketLifetimeHintSeconds = uint.MaxValue;
                b.Flags = uint.MaxValue;
                b.TicketAgeAdd = uint.MaxValue;
                b.MaxEarlyData = uint.MaxValue;
                b.MaxFragmentLength = 255;
                b.KeyExchangeGroupId = uint.MaxValue;
                b.Protocol = SslProtocol.TLSv13;
                b.Cipher = SslCipher.Parse("TLS_AES_256_GCM_SHA384");
                break;
            case "large ticket":
                b.Ticket = Enumerable.Range(0, 70000).Select(i => (byte)(i * 7)).ToArray();
                b.TicketLifetimeHintSeconds = 1;
                break;
            case "SSL_SESSION_new defaults":
                b = new SslSessionBuilder { Cipher = SslCipher.Parse("TLS_AES_128_GCM_SHA256"), StartTimeUnixSeconds = 1700000000 };
                break;
            case "DTLS 1.2":
                b.Protocol = new SslProtocol(SslProtocol.Dtls12);
                break;
            case "one-byte strings":
                b.ServerName = "a";
                b.PskIdentity = "b";
                b.PskIdentityHint = "c";
                b.SrpUsername = "d";
                b.Alpn = new byte[] { (byte)'e' };
                b.TicketAppData = new byte[] { 0 };
                b.Ticket = new byte[] { 0xFF };
                break;
            case "ALPN with a NUL byte":
                // ALPN is kept as raw bytes (no strndup), unlike the host name.
                b.Alpn = new byte[] { (byte)'h', 0, (byte)'2' };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "not a session of " + nameof(EdgeValueSessions));
        }
        return b.Build();
    }
}
