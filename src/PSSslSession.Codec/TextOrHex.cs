using System;
using System.Text;

namespace PSSslSession.Codec
{
    /// <summary>
    /// The written form of byte strings that people usually give as text: a session-id context (<c>sid_ctx</c>;
    /// <c>openssl s_server -context</c>, <c>sess_id -context</c> and Apache's 32-character context are text) and a
    /// session-id prefix (the man page's "www-18"). Plain text stands for its own bytes; "0x" and an even number of
    /// hex digits stands for those bytes. <see cref="Format"/> and <see cref="Parse"/> are inverses, so a value read
    /// from one session can be given back where text is taken.
    /// </summary>
    public static class TextOrHex
    {
        /// <summary>
        /// The text when every byte is printable ASCII (space inside only) and the text does not itself read as
        /// "0x…" hex; otherwise "0x" and uppercase hex. Empty for no bytes.
        /// </summary>
        public static string Format(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length == 0) return string.Empty;
            if (IsPlainText(bytes))
            {
                var text = Encoding.ASCII.GetString(bytes.ToArray());
                if (!IsHexForm(text)) return text;
            }
            return "0x" + Hex.ToUpper(bytes);
        }

        /// <summary>"0x" and hex digits → those bytes; any other text → its UTF-8 bytes.</summary>
        /// <exception cref="FormatException">"0x" followed by hex digits of odd number.</exception>
        public static byte[] Parse(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            if (!IsHexForm(text)) return Encoding.UTF8.GetBytes(text);
            if (text.Length % 2 != 0)
                throw new FormatException($"'{text}' has an odd number of hex digits after 0x; give two digits per byte.");
            return Hex.Decode(text.Substring(2));
        }

        private static bool IsHexForm(string text)
        {
            if (text.Length < 3 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X')) return false;
            for (int i = 2; i < text.Length; i++)
                if (!Uri.IsHexDigit(text[i])) return false;
            return true;
        }

        private static bool IsPlainText(ReadOnlySpan<byte> bytes)
        {
            if (bytes[0] == ' ' || bytes[bytes.Length - 1] == ' ') return false;
            foreach (var b in bytes)
                if (b < 0x20 || b > 0x7E) return false;
            return true;
        }
    }
}
