using System;
using System.Collections.Generic;

namespace PSSslSession.Codec
{
    /// <summary>OpenSSL 3.0's cipher table (TEMPORARY minimal scaffold: the codec work replaces it with every suite).</summary>
    public static class CipherSuites
    {
        private static readonly Dictionary<ushort, SslCipher> ByCode = new Dictionary<ushort, SslCipher>
        {
            [0x1301] = new SslCipher(0x1301, "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"),
            [0xC02C] = new SslCipher(0xC02C, "ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
        };

        public static SslCipher? FromCode(ushort code) => ByCode.TryGetValue(code, out var c) ? c : null;

        public static bool TryParse(string? text, out SslCipher? cipher)
        {
            cipher = null;
            if (text == null) return false;
            foreach (var c in ByCode.Values)
                if (string.Equals(c.Name, text, StringComparison.OrdinalIgnoreCase) || string.Equals(c.IanaName, text, StringComparison.OrdinalIgnoreCase)) { cipher = c; return true; }
            return false;
        }

        public static IEnumerable<SslCipher> All => ByCode.Values;
    }

    /// <summary>X509 verify result texts (TEMPORARY scaffold).</summary>
    public static class VerifyResults
    {
        public static string Text(long code) => code == 0 ? "ok" : "unknown certificate verification error";
    }

    /// <summary>TLS group names (TEMPORARY scaffold).</summary>
    public static class TlsGroups
    {
        public static string Name(uint id) => id == 0x1D ? "x25519" : "0x" + id.ToString("X4");
    }

    /// <summary>X.509 structure check (TEMPORARY scaffold).</summary>
    internal static class Certificates
    {
        public static bool IsWellFormed(byte[] der) => der.Length > 0 && der[0] == 0x30;
    }

    public static partial class SslSessionCodec
    {
        /// <summary>i2d_SSL_SESSION (TEMPORARY scaffold).</summary>
        public static byte[] Encode(SslSession session) => throw new NotImplementedException();

        /// <summary>d2i_SSL_SESSION (TEMPORARY scaffold).</summary>
        public static SslSession Decode(ReadOnlySpan<byte> der, SslSessionDecodeOptions? options = null) => throw new NotImplementedException();
    }
}
