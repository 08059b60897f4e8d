using System;
using System.Collections.Generic;
using System.Globalization;

namespace PSSslSession.Codec
{
    /// <summary>
    /// Every cipher code OpenSSL 3.0 decodes in a session (<c>ssl3_get_cipher_by_id</c> over the TLS 1.3
    /// suites, the TLS ≤ 1.2 suites and the two SCSVs; the same lookup as <c>SSL_CIPHER_find</c>).
    /// The table is generated from libssl by tests/PSSslSession.Codec.Tests/tools/ciphers.c.
    /// </summary>
    public static partial class CipherSuites
    {
        private static readonly Dictionary<ushort, SslCipher> ByCode;
        private static readonly Dictionary<string, SslCipher> ByName;

        // The table lives in another part of this partial class, and field initialisers of different
        // parts run in no defined order; a static constructor runs after all of them.
        static CipherSuites()
        {
            ByCode = BuildByCode();
            ByName = BuildByName();
        }

        private static Dictionary<ushort, SslCipher> BuildByCode()
        {
            var d = new Dictionary<ushort, SslCipher>(Table.Length);
            foreach (var c in Table) d[c.Code] = c;
            return d;
        }

        private static Dictionary<string, SslCipher> BuildByName()
        {
            var d = new Dictionary<string, SslCipher>(Table.Length * 2, StringComparer.OrdinalIgnoreCase);
            // IANA names first so that an OpenSSL name equal to another suite's IANA name (TLS 1.3, SCSVs) wins.
            // "(NONE)" is OpenSSL's placeholder for suites without an IANA name (GOST): it names none of them.
            foreach (var c in Table) if (!c.IanaName.StartsWith("(", StringComparison.Ordinal)) d[c.IanaName] = c;
            foreach (var c in Table) d[c.Name] = c;
            return d;
        }

        /// <summary>The suite with this two-byte code (<c>SSL_CIPHER_find</c>), or null when OpenSSL 3.0 would not decode it.</summary>
        public static SslCipher? FromCode(ushort code) => ByCode.TryGetValue(code, out var c) ? c : null;

        /// <summary>
        /// Finds a suite by OpenSSL name (<c>SSL_CIPHER_get_name</c>), IANA name (<c>SSL_CIPHER_standard_name</c>)
        /// or hex code ("C02C", "0xC02C", "0xC0,0x2C"); case-insensitive.
        /// </summary>
        public static bool TryParse(string? text, out SslCipher? cipher)
        {
            cipher = null;
            if (text == null) return false;
            var t = text.Trim();
            if (t.Length == 0) return false;
            if (ByName.TryGetValue(t, out cipher)) return true;
            if (TryParseCode(t, out var code)) { cipher = FromCode(code); return cipher != null; }
            return false;
        }

        /// <summary>Every suite, ordered by code.</summary>
        public static IReadOnlyList<SslCipher> All => Table;

        // "C02C", "0xC02C", "0xC0,0x2C" (the IANA registry's form), "C0:2C".
        private static bool TryParseCode(string t, out ushort code)
        {
            code = 0;
            var digits = t.Replace("0x", "").Replace("0X", "").Replace(",", "").Replace(":", "").Replace(" ", "");
            if (digits.Length == 0 || digits.Length > 4) return false;
            return ushort.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code);
        }
    }
}
