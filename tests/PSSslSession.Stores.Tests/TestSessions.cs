using System.Security.Cryptography;
using PSSslSession.Codec;

namespace PSSslSession.Stores.Tests
{
    /// <summary>Sessions for store tests (shared with the probe process by a linked compile item).</summary>
    public static class TestSessions
    {
        /// <summary>A TLS 1.2 server session with a random 32-byte id and 48-byte master key.</summary>
        public static SslSession Tls12(DateTimeOffset start, long timeoutSeconds = 300, byte[]? id = null, byte[]? sidCtx = null) =>
            Build(SslProtocol.TLSv12, "ECDHE-RSA-AES128-GCM-SHA256", start, timeoutSeconds, id, sidCtx);

        /// <summary>A TLS 1.3 session with a random 32-byte id and resumption PSK.</summary>
        public static SslSession Tls13(DateTimeOffset start, long timeoutSeconds = 300, byte[]? id = null, byte[]? sidCtx = null) =>
            Build(SslProtocol.TLSv13, "TLS_AES_128_GCM_SHA256", start, timeoutSeconds, id, sidCtx);

        public static byte[] RandomId() => RandomNumberGenerator.GetBytes(32);

        private static SslSession Build(SslProtocol protocol, string cipher, DateTimeOffset start, long timeoutSeconds, byte[]? id, byte[]? sidCtx) =>
            new SslSessionBuilder
            {
                Protocol = protocol,
                Cipher = SslCipher.Parse(cipher),
                SessionId = id ?? RandomId(),
                MasterKey = RandomNumberGenerator.GetBytes(protocol.IsTls13 ? 32 : 48),
                StartTimeUnixSeconds = start.ToUnixTimeSeconds(),
                TimeoutSeconds = timeoutSeconds,
                SessionIdContext = sidCtx ?? Array.Empty<byte>(),
                VerifyResult = 0,
                ServerName = "www.example.test",
            }.Build();
    }
}
