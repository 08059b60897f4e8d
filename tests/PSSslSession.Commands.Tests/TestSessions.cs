using PSSslSession.Codec;

namespace PSSslSession.Commands.Tests;

internal static class TestSessions
{
    public static SslSession Tls12(byte first = 1) => new SslSessionBuilder
    {
        Protocol = SslProtocol.TLSv12,
        Cipher = SslCipher.Parse("ECDHE-ECDSA-AES256-GCM-SHA384"),
        SessionId = Enumerable.Range(first, 32).Select(i => (byte)i).ToArray(),
        MasterKey = Enumerable.Repeat((byte)0xAB, 48).ToArray(),
        StartTimeUnixSeconds = 1_700_000_000,
        TimeoutSeconds = 7200,
        ServerName = "example.test",
    }.Build();
}
