using System.Text;
using PSSslSession.Codec;

namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>
/// Hand-built sessions that set every field OpenSSL 3.0 stores ([1]…[19]) to a non-default value, for the
/// fields real s_client sessions leave out (hostname, PSK, SRP, sid_ctx, max early data, app data, …).
/// The peer certificate is the one in samples/tls12-ecdsa.pem.
/// </summary>
public static class EveryFieldSessions
{
    public const string Tls12 = "every-field-tls12";
    public const string Tls13 = "every-field-tls13";

    public static readonly string[] Names = { Tls12, Tls13 };

    public static Xunit.TheoryData<string> All => new(Names);

    public static SslSession Build(string name)
    {
        var builder = new SslSessionBuilder
        {
            SessionId = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(),
            StartTimeUnixSeconds = 1700000000,
            TimeoutSeconds = 300,
            PeerCertificate = SslSessionPem.ReadAll(SampleSessions.Text("tls12-ecdsa.pem")).Single().GetPeerCertificateBytes(),
            SessionIdContext = Encoding.ASCII.GetBytes("pssslsession-ctx"),
            VerifyResult = 20,
            ServerName = "www.example.test",
            PskIdentityHint = "hint-1",
            PskIdentity = "client-7",
            SrpUsername = "alice",
            TicketLifetimeHintSeconds = 86400,
            // 37 bytes: two full rows of sess_id's ticket dump and a partial third, with printable and unprintable bytes.
            Ticket = Encoding.ASCII.GetBytes("ticket:").Concat(Enumerable.Range(0xF0, 16).Select(i => (byte)i)).Concat(Encoding.ASCII.GetBytes("~ end of it")).Concat(new byte[] { 0x00, 0x7F, 0x20 }).ToArray(),
            MaxFragmentLength = 2,
            TicketAppData = new byte[] { 0xDE, 0xAD, 0xBE, 0xEF },
            KeyExchangeGroupId = 0x17,
        };
        if (name == Tls12)
        {
            builder.Protocol = SslProtocol.TLSv12;
            builder.Cipher = SslCipher.Parse("ECDHE-ECDSA-AES128-GCM-SHA256");
            builder.MasterKey = Enumerable.Range(0x40, 48).Select(i => (byte)i).ToArray();
            builder.ExtendedMasterSecret = true;
            // Compression method 1 (zlib): this openssl build keeps and prints it; no-comp builds would drop it.
            builder.Compression = 1;
            builder.WithAlpn("h2");
        }
        else if (name == Tls13)
        {
            builder.Protocol = SslProtocol.TLSv13;
            builder.Cipher = SslCipher.Parse("TLS_CHACHA20_POLY1305_SHA256");
            builder.MasterKey = Enumerable.Range(0x80, 32).Select(i => (byte)i).ToArray();
            builder.TicketAgeAdd = 0x89ABCDEF;
            builder.MaxEarlyData = 16384;
            builder.WithAlpn("http/1.1");
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(name), name, "not a session of " + nameof(EveryFieldSessions));
        }
        return builder.Build();
    }
}
