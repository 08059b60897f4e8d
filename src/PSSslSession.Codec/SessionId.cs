using System;
using System.Globalization;

namespace PSSslSession.Codec
{
    /// <summary>
    /// A TLS session id (OpenSSL <c>session_id</c>, at most 32 bytes, <c>SSL_MAX_SSL_SESSION_ID_LENGTH</c>).
    /// Immutable value with byte-wise equality; renders as uppercase hex like <c>openssl sess_id -text</c>.
    /// </summary>
    public readonly struct SessionId : IEquatable<SessionId>
    {
        /// <summary>SSL_MAX_SSL_SESSION_ID_LENGTH.</summary>
        public const int MaxLength = 32;

        private static readonly byte[] EmptyBytes = new byte[0];
        private readonly byte[]? _bytes;

        /// <summary>Creates an id from a copy of <paramref name="bytes"/>.</summary>
        /// <exception cref="ArgumentException">More than 32 bytes.</exception>
        public SessionId(byte[] bytes) : this(bytes == null ? throw new ArgumentNullException(nameof(bytes)) : (ReadOnlySpan<byte>)bytes) { }

        /// <summary>Creates an id from a copy of <paramref name="bytes"/>.</summary>
        public SessionId(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > MaxLength)
                throw new ArgumentException($"A session id holds at most {MaxLength} bytes; {bytes.Length} were given.", nameof(bytes));
            _bytes = bytes.Length == 0 ? EmptyBytes : bytes.ToArray();
        }

        private SessionId(byte[] owned, bool _) { _bytes = owned; }

        /// <summary>Wraps an array the caller gives up (no copy). Internal to avoid aliasing.</summary>
        internal static SessionId FromOwned(byte[] owned) => new SessionId(owned, true);

        /// <summary>The empty id (ticket-only sessions carry it).</summary>
        public static SessionId Empty => new SessionId(EmptyBytes, true);

        /// <summary>Number of bytes.</summary>
        public int Length => _bytes?.Length ?? 0;

        /// <summary>True when the id has no bytes.</summary>
        public bool IsEmpty => Length == 0;

        /// <summary>The bytes, without copying.</summary>
        public ReadOnlySpan<byte> Span => _bytes ?? EmptyBytes;

        /// <summary>A copy of the bytes.</summary>
        public byte[] ToArray() => Span.ToArray();

        /// <summary>Uppercase hex, no separators (the <c>sess_id -text</c> form).</summary>
        public override string ToString() => Hex.ToUpper(Span);

        /// <summary>Lowercase hex (the mod_socache key form).</summary>
        public string ToLowerHex() => Hex.ToLower(Span);

        /// <summary>Parses hex text; spaces, colons and dashes between bytes and a leading 0x are allowed.</summary>
        /// <exception cref="FormatException">Not hex, odd number of digits, or more than 32 bytes.</exception>
        public static SessionId Parse(string hex)
        {
            if (!TryParse(hex, out var id, out var error))
                throw new FormatException(error);
            return id;
        }

        /// <summary>Non-throwing <see cref="Parse"/>.</summary>
        public static bool TryParse(string? hex, out SessionId id) => TryParse(hex, out id, out _);

        private static bool TryParse(string? hex, out SessionId id, out string error)
        {
            id = Empty;
            if (hex == null) { error = "A session id was expected, but the text was null."; return false; }
            if (!Hex.TryDecode(hex, out var bytes, out error)) { error = $"'{hex}' is not a session id: {error}"; return false; }
            if (bytes.Length > MaxLength) { error = $"'{hex}' is {bytes.Length} bytes long; a session id holds at most {MaxLength} bytes."; return false; }
            id = FromOwned(bytes);
            return true;
        }

        /// <summary>Byte-wise equality.</summary>
        public bool Equals(SessionId other) => Span.SequenceEqual(other.Span);
        /// <summary>Byte-wise equality with another <see cref="SessionId"/>.</summary>
        public override bool Equals(object? obj) => obj is SessionId other && Equals(other);

        /// <summary>FNV-1a hash of the bytes.</summary>
        public override int GetHashCode()
        {
            // FNV-1a over all bytes: ids are random, so this spreads well and is cheap.
            unchecked
            {
                uint h = 2166136261;
                foreach (var b in Span) h = (h ^ b) * 16777619;
                return (int)h;
            }
        }

        /// <summary>Byte-wise equality.</summary>
        public static bool operator ==(SessionId a, SessionId b) => a.Equals(b);
        /// <summary>Byte-wise inequality.</summary>
        public static bool operator !=(SessionId a, SessionId b) => !a.Equals(b);

        /// <summary>An id from its bytes (copied).</summary>
        public static implicit operator SessionId(byte[] bytes) => new SessionId(bytes);
    }

    /// <summary>Hex helpers shared by the codec and the views.</summary>
    public static class Hex
    {
        private const string Upper = "0123456789ABCDEF";
        private const string Lower = "0123456789abcdef";

        /// <summary>Uppercase hex, no separators (<c>%02X</c> per byte, as <c>sess_id -text</c> prints).</summary>
        public static string ToUpper(ReadOnlySpan<byte> bytes) => Encode(bytes, Upper);
        /// <summary>Lowercase hex, no separators.</summary>
        public static string ToLower(ReadOnlySpan<byte> bytes) => Encode(bytes, Lower);

        private static string Encode(ReadOnlySpan<byte> bytes, string digits)
        {
            if (bytes.Length == 0) return string.Empty;
            var chars = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = digits[bytes[i] >> 4];
                chars[2 * i + 1] = digits[bytes[i] & 0xF];
            }
            return new string(chars);
        }

        /// <summary>Decodes hex; accepts a leading 0x and ' ', ':' or '-' between digit pairs.</summary>
        public static bool TryDecode(string text, out byte[] bytes, out string error)
        {
            bytes = new byte[0];
            var s = text.Trim();
            if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) s = s.Substring(2);
            var digits = new System.Text.StringBuilder(s.Length);
            foreach (var c in s)
            {
                if (c == ' ' || c == ':' || c == '-') continue;
                if (!Uri.IsHexDigit(c)) { error = $"'{c}' is not a hex digit."; return false; }
                digits.Append(c);
            }
            if (digits.Length % 2 != 0) { error = "hex text needs an even number of digits."; return false; }
            var result = new byte[digits.Length / 2];
            for (int i = 0; i < result.Length; i++)
                result[i] = byte.Parse(digits.ToString(2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            bytes = result;
            error = string.Empty;
            return true;
        }

        /// <summary>Decodes hex or throws <see cref="FormatException"/>.</summary>
        public static byte[] Decode(string text)
        {
            if (!TryDecode(text, out var bytes, out var error)) throw new FormatException($"'{text}' is not hex: {error}");
            return bytes;
        }
    }
}
