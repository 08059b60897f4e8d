using System;

namespace PSSslSession.Codec
{
    /// <summary>
    /// A cipher suite as OpenSSL 3.0 knows it (<c>SSL_CIPHER</c>): its 16-bit code (the two bytes stored
    /// in the session), OpenSSL name (<c>SSL_CIPHER_get_name</c>) and IANA/RFC name
    /// (<c>SSL_CIPHER_standard_name</c>). Instances come from the codec's table (<see cref="CipherSuites"/>).
    /// </summary>
    public sealed class SslCipher : IEquatable<SslCipher>
    {
        internal SslCipher(ushort code, string name, string ianaName)
        {
            Code = code;
            Name = name;
            IanaName = ianaName;
        }

        /// <summary>The two-byte code, e.g. 0x1301 or 0xC02C.</summary>
        public ushort Code { get; }

        /// <summary>OpenSSL's full id (<c>0x03000000 | code</c>).</summary>
        public uint Id => 0x03000000u | Code;

        /// <summary>A signalling value in OpenSSL's table (TLS_EMPTY_RENEGOTIATION_INFO_SCSV 0x00FF, TLS_FALLBACK_SCSV 0x5600), not a suite a session can use.</summary>
        public bool IsSignalingValue => Code == 0x00FF || Code == 0x5600;

        /// <summary>A TLS 1.3 suite (code 0x13xx): usable with TLS 1.3 only, and TLS 1.3 uses no other.</summary>
        public bool IsTls13 => (Code >> 8) == 0x13;

        /// <summary>OpenSSL name, e.g. ECDHE-ECDSA-AES256-GCM-SHA384 or TLS_AES_128_GCM_SHA256.</summary>
        public string Name { get; }

        /// <summary>IANA name, e.g. TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384.</summary>
        public string IanaName { get; }

        /// <summary>Finds a suite by code; null when OpenSSL 3.0 would not decode it.</summary>
        public static SslCipher? FromCode(ushort code) => CipherSuites.FromCode(code);

        /// <summary>Finds a suite by OpenSSL name, IANA name, or hex code ("C02C", "0xC02C"); case-insensitive.</summary>
        /// <exception cref="FormatException">No such suite.</exception>
        public static SslCipher Parse(string text)
        {
            if (TryParse(text, out var c)) return c!;
            throw new FormatException($"'{text}' is not a cipher suite OpenSSL 3.0 knows. Use an OpenSSL name (ECDHE-RSA-AES128-GCM-SHA256), an IANA name (TLS_AES_128_GCM_SHA256) or a two-byte hex code (0xC02F).");
        }

        /// <summary>Non-throwing <see cref="Parse"/>: OpenSSL name, IANA name or hex code.</summary>
        public static bool TryParse(string? text, out SslCipher? cipher) => CipherSuites.TryParse(text, out cipher);

        /// <summary>The OpenSSL name (<c>SSL_CIPHER_get_name</c>).</summary>
        public override string ToString() => Name;
        /// <summary>Same two-byte code.</summary>
        public bool Equals(SslCipher? other) => other != null && other.Code == Code;
        /// <summary>Same two-byte code.</summary>
        public override bool Equals(object? obj) => Equals(obj as SslCipher);
        /// <summary>The code.</summary>
        public override int GetHashCode() => Code;
    }
}
