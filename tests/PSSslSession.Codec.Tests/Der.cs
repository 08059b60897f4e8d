using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PSSslSession.Codec;

namespace PSSslSession.Codec.Tests;

/// <summary>Builds crafted DER for the decoder tests, and shared sample sessions.</summary>
internal static class Der
{
    public static byte[] H(string hex) => Convert.FromHexString(hex.Replace(" ", ""));
    public static string X(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    public static byte[] Tlv(byte tag, params byte[][] content)
    {
        var body = content.SelectMany(c => c).ToArray();
        var len = body.Length < 0x80 ? new[] { (byte)body.Length }
            : body.Length < 0x100 ? new byte[] { 0x81, (byte)body.Length }
            : new byte[] { 0x82, (byte)(body.Length >> 8), (byte)body.Length };
        return new[] { tag }.Concat(len).Concat(body).ToArray();
    }

    public static byte[] Seq(params byte[][] parts) => Tlv(0x30, parts);
    public static byte[] Int(string contentHex) => Tlv(0x02, H(contentHex));
    public static byte[] Oct(byte[] bytes) => Tlv(0x04, bytes);
    public static byte[] Oct(string hex) => Tlv(0x04, H(hex));
    /// <summary>EXPLICIT [n] around one element.</summary>
    public static byte[] Exp(int n, byte[] inner) => Tlv((byte)(0xA0 + n), inner);

    /// <summary>The mandatory head: version 1, TLS1.3, TLS_AES_128_GCM_SHA256, empty id, empty key.</summary>
    public static byte[][] Head => new[] { Int("01"), Int("0304"), Oct("1301"), Oct(""), Oct("") };

    /// <summary>A session made of the mandatory head followed by <paramref name="fields"/>.</summary>
    public static byte[] Session(params byte[][] fields) => Seq(Head.Concat(fields).ToArray());

    /// <summary>A session of only the five mandatory fields, with field <paramref name="index"/> replaced.</summary>
    public static byte[] WithHead(int index, byte[] replacement)
    {
        var head = Head;
        head[index] = replacement;
        return Seq(head);
    }

    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);
    public static SslSessionDecodeOptions At(DateTimeOffset now) => new() { Now = now };

    private static byte[]? _cert;

    /// <summary>A self-signed ECDSA certificate's DER (created once per test run).</summary>
    public static byte[] Certificate
    {
        get
        {
            if (_cert != null) return _cert;
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var req = new CertificateRequest("CN=codec.test", key, HashAlgorithmName.SHA256);
            using var cert = req.CreateSelfSigned(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), DateTimeOffset.FromUnixTimeSeconds(1_900_000_000));
            return _cert = cert.RawData;
        }
    }

    /// <summary>A TLS 1.2 session with every optional field set.</summary>
    public static SslSession Rich() => new SslSessionBuilder
    {
        Protocol = SslProtocol.TLSv12,
        Cipher = SslCipher.Parse("ECDHE-ECDSA-AES256-GCM-SHA384"),
        SessionId = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(),
        MasterKey = Enumerable.Repeat((byte)0x5A, 48).ToArray(),
        StartTimeUnixSeconds = 1_700_000_000,
        TimeoutSeconds = 7200,
        PeerCertificate = Certificate,
        SessionIdContext = "ctx"u8.ToArray(),
        VerifyResult = 18,
        ServerName = "a.example",
        PskIdentityHint = "hint",
        PskIdentity = "client-1",
        TicketLifetimeHintSeconds = 7200,
        Ticket = Enumerable.Range(0, 40).Select(i => (byte)(i * 7)).ToArray(),
        Compression = 1,
        SrpUsername = "user",
        ExtendedMasterSecret = true,
        TicketAgeAdd = 0xDEADBEEF,
        MaxEarlyData = 16384,
        Alpn = "h2"u8.ToArray(),
        MaxFragmentLength = 0,
        TicketAppData = new byte[] { 9, 8, 7 },
        KeyExchangeGroupId = 0x1D,
    }.Build();

    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);
}
