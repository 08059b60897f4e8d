using System;

namespace PSSslSession.Codec
{
    /// <summary>
    /// A protocol version as stored in <c>SSL_SESSION.ssl_version</c> (e.g. 0x0303 TLSv1.2, 0x0304 TLSv1.3).
    /// Renders with OpenSSL's names (<c>SSL_get_version</c>): TLSv1.3, TLSv1.2, TLSv1.1, TLSv1, SSLv3,
    /// DTLSv0.9, DTLSv1, DTLSv1.2, else "unknown". Versions compare by age within a family (SSLv3 &lt; TLSv1 &lt; …
    /// &lt; TLSv1.3; DTLSv0.9 &lt; DTLSv1 &lt; DTLSv1.2, although DTLS wire numbers count down), every TLS version before
    /// every DTLS one.
    /// </summary>
    public readonly struct SslProtocol : IEquatable<SslProtocol>, IComparable<SslProtocol>, IComparable
    {
        /// <summary>Wire numbers: SSL3_VERSION, TLS1_VERSION, TLS1_1_VERSION, TLS1_2_VERSION, TLS1_3_VERSION.</summary>
        public const int Ssl3 = 0x0300, Tls1 = 0x0301, Tls11 = 0x0302, Tls12 = 0x0303, Tls13 = 0x0304;
        /// <summary>Wire numbers: DTLS1_BAD_VER, DTLS1_VERSION, DTLS1_2_VERSION.</summary>
        public const int DtlsBad = 0x0100, Dtls1 = 0xFEFF, Dtls12 = 0xFEFD;

        /// <summary>Wraps a wire number (any value; <see cref="IsSupportedByCodec"/> says whether a session may carry it).</summary>
        public SslProtocol(int number) { Number = number; }

        /// <summary>The wire number (OpenSSL <c>ssl_version</c>).</summary>
        public int Number { get; }

        /// <summary>OpenSSL's name for the version, or "unknown".</summary>
        public string Name => NameOf(Number);

        /// <summary>True for TLS 1.3 (whose master key is a resumption PSK).</summary>
        public bool IsTls13 => Number == Tls13;

        /// <summary>
        /// What <c>d2i_SSL_SESSION</c> accepts: major byte 0x03 or 0xFE, or DTLS1_BAD_VER (0x0100).
        /// </summary>
        public bool IsSupportedByCodec => (Number >> 8) == 0x03 || (Number >> 8) == 0xFE || Number == DtlsBad;

        /// <summary>TLS1_3_VERSION (0x0304).</summary>
        public static SslProtocol TLSv13 => new SslProtocol(Tls13);
        /// <summary>TLS1_2_VERSION (0x0303).</summary>
        public static SslProtocol TLSv12 => new SslProtocol(Tls12);

        /// <summary>OpenSSL's names of the versions a session may carry, newest TLS first.</summary>
        public static System.Collections.Generic.IReadOnlyList<string> KnownNames { get; } =
            new[] { "TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1", "SSLv3", "DTLSv1.2", "DTLSv1", "DTLSv0.9" };

        /// <summary>OpenSSL's name for a wire number (<c>ssl_protocol_to_string</c>), or "unknown".</summary>
        public static string NameOf(int number)
        {
            switch (number)
            {
                case Tls13: return "TLSv1.3";
                case Tls12: return "TLSv1.2";
                case Tls11: return "TLSv1.1";
                case Tls1: return "TLSv1";
                case Ssl3: return "SSLv3";
                case DtlsBad: return "DTLSv0.9";
                case Dtls1: return "DTLSv1";
                case Dtls12: return "DTLSv1.2";
                default: return "unknown";
            }
        }

        /// <summary>
        /// Parses "TLSv1.3", "TLS1.2", "Tls12", "DTLSv1.2", a number ("771") or hex ("0x0303").
        /// </summary>
        /// <exception cref="FormatException">Unrecognised text.</exception>
        public static SslProtocol Parse(string text)
        {
            if (TryParse(text, out var p)) return p;
            throw new FormatException($"'{text}' is not a protocol version. Use TLSv1.3, TLSv1.2, TLSv1.1, TLSv1, SSLv3, DTLSv1, DTLSv1.2, or a number such as 0x0303.");
        }

        /// <summary>Non-throwing <see cref="Parse"/>.</summary>
        public static bool TryParse(string? text, out SslProtocol protocol)
        {
            protocol = default;
            if (string.IsNullOrWhiteSpace(text)) return false;
            var t = text!.Trim();
            if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                if (int.TryParse(t.Substring(2), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var hex) && hex >= 0 && hex <= 0xFFFF)
                { protocol = new SslProtocol(hex); return true; }
                return false;
            }
            if (int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n <= 0xFFFF)
            { protocol = new SslProtocol(n); return true; }
            var key = t.ToUpperInvariant().Replace("V", "").Replace(".", "").Replace("_", "");
            switch (key)
            {
                case "TLS13": protocol = new SslProtocol(Tls13); return true;
                case "TLS12": protocol = new SslProtocol(Tls12); return true;
                case "TLS11": protocol = new SslProtocol(Tls11); return true;
                case "TLS1": case "TLS10": protocol = new SslProtocol(Tls1); return true;
                case "SSL3": protocol = new SslProtocol(Ssl3); return true;
                case "DTLS09": protocol = new SslProtocol(DtlsBad); return true;
                case "DTLS1": case "DTLS10": protocol = new SslProtocol(Dtls1); return true;
                case "DTLS12": protocol = new SslProtocol(Dtls12); return true;
                default: return false;
            }
        }

        /// <summary>OpenSSL's name, as <see cref="Name"/>.</summary>
        public override string ToString() => Name;

        /// <summary>Older versions first (see the type's remarks).</summary>
        public int CompareTo(SslProtocol other) => Rank.CompareTo(other.Rank);

        /// <summary>Compares with another <see cref="SslProtocol"/>; anything else is an <see cref="ArgumentException"/>.</summary>
        public int CompareTo(object? obj) => obj is SslProtocol other ? CompareTo(other)
            : throw new ArgumentException($"An SslProtocol compares only with another SslProtocol, not {obj?.GetType().Name ?? "null"}.", nameof(obj));

        /// <summary>TLS versions by wire number; DTLS after them, its count-down numbers turned around (DTLS1_BAD_VER first).</summary>
        private int Rank => Number == DtlsBad ? 0x10000 : (Number >> 8) == 0xFE ? 0x10000 + (0x10000 - Number) : Number;

        public static bool operator <(SslProtocol a, SslProtocol b) => a.CompareTo(b) < 0;
        public static bool operator >(SslProtocol a, SslProtocol b) => a.CompareTo(b) > 0;
        public static bool operator <=(SslProtocol a, SslProtocol b) => a.CompareTo(b) <= 0;
        public static bool operator >=(SslProtocol a, SslProtocol b) => a.CompareTo(b) >= 0;
        /// <summary>Same wire number.</summary>
        public bool Equals(SslProtocol other) => Number == other.Number;
        /// <summary>Same wire number.</summary>
        public override bool Equals(object? obj) => obj is SslProtocol p && Equals(p);
        /// <summary>The wire number.</summary>
        public override int GetHashCode() => Number;
        /// <summary>Same wire number.</summary>
        public static bool operator ==(SslProtocol a, SslProtocol b) => a.Number == b.Number;
        /// <summary>Different wire numbers.</summary>
        public static bool operator !=(SslProtocol a, SslProtocol b) => a.Number != b.Number;
    }
}
