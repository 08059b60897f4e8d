using System;
using System.Globalization;
using System.Text;

namespace PSSslSession.Codec
{
    /// <summary>
    /// Text forms of a session: <c>SSL_SESSION_print</c> (what <c>openssl sess_id -text -noout</c> prints)
    /// and <c>SSL_SESSION_print_keylog</c> (<c>sess_id -outform NSS</c>).
    /// </summary>
    public static class SslSessionText
    {
        /// <summary>
        /// <c>SSL_SESSION_print</c>, line for line, with "\n" line ends. Without <paramref name="includeSecret"/>
        /// the Master-Key / Resumption PSK value is replaced by "&lt;redacted: N bytes&gt;"; with it the text
        /// equals OpenSSL's byte for byte. Like OpenSSL, the output stops after "TLS session ticket:" when the
        /// ticket is present but empty (<c>BIO_dump_indent</c> of 0 bytes fails the print).
        /// </summary>
        public static string Format(SslSession s, bool includeSecret)
        {
            if (s == null) throw new ArgumentNullException(nameof(s));
            var inv = CultureInfo.InvariantCulture;
            bool tls13 = s.ProtocolNumber == SslProtocol.Tls13;
            var sb = new StringBuilder(512);
            sb.Append("SSL-Session:\n");
            sb.Append("    Protocol  : ").Append(SslProtocol.NameOf(s.ProtocolNumber)).Append('\n');
            sb.Append("    Cipher    : ").Append(s.CipherSuite.Name).Append('\n');
            sb.Append("    Session-ID: ").Append(Hex.ToUpper(s.Id.Span));
            sb.Append("\n    Session-ID-ctx: ").Append(Hex.ToUpper(s.SidCtx));
            sb.Append(tls13 ? "\n    Resumption PSK: " : "\n    Master-Key: ");
            sb.Append(includeSecret ? Hex.ToUpper(s.Key.Span) : Mask(s.Key));
            sb.Append("\n    PSK identity: ").Append(s.PskIdentity ?? "None");
            sb.Append("\n    PSK identity hint: ").Append(s.PskIdentityHint ?? "None");
            sb.Append("\n    SRP username: ").Append(s.SrpUsername ?? "None");
            if (s.LifetimeHint != 0)
                sb.Append("\n    TLS session ticket lifetime hint: ").Append(unchecked((long)s.LifetimeHint).ToString(inv)).Append(" (seconds)");
            if (s.TicketBytes != null)
            {
                sb.Append("\n    TLS session ticket:\n");
                if (s.TicketBytes.Length == 0) return sb.ToString();
                AppendDump(sb, s.TicketBytes, 4);
            }
            // No compression methods are compiled into this libssl, so OpenSSL prints the id without a name.
            if (s.CompressionMethod != 0)
                sb.Append("\n    Compression: ").Append(s.CompressionMethod.ToString(inv));
            if (s.TimeSeconds != 0)
                sb.Append("\n    Start Time: ").Append(s.TimeSeconds.ToString(inv));
            if (s.TimeoutSecondsRaw != 0)
                sb.Append("\n    Timeout   : ").Append(s.TimeoutSecondsRaw.ToString(inv)).Append(" (sec)");
            sb.Append('\n');
            sb.Append("    Verify return code: ").Append(s.Verify.ToString(inv)).Append(" (").Append(VerifyResults.Text(s.Verify)).Append(")\n");
            sb.Append("    Extended master secret: ").Append(s.ExtendedMasterSecret ? "yes" : "no").Append('\n');
            if (tls13)
                sb.Append("    Max Early Data: ").Append(s.EarlyData.ToString(inv)).Append('\n');
            return sb.ToString();
        }

        /// <summary>What replaces the key when the secret is not asked for.</summary>
        public static string Mask(SslSecret secret) => $"<redacted: {secret.Length} bytes>";

        /// <summary>
        /// <c>BIO_dump_indent</c>: rows of 16 bytes, "%04x - ", lowercase hex with '-' after the 8th byte,
        /// missing bytes padded with 3 spaces, two spaces, then the printable ASCII column.
        /// </summary>
        internal static void AppendDump(StringBuilder sb, byte[] data, int indent)
        {
            const string digits = "0123456789abcdef";
            // DUMP_WIDTH_LESS_INDENT: 16 columns for indents up to 6.
            int width = 16 - (indent - (indent > 6 ? 6 : indent) + 3) / 4;
            for (int row = 0; row * width < data.Length; row++)
            {
                int start = row * width;
                sb.Append(' ', indent).Append(start.ToString("x4", CultureInfo.InvariantCulture)).Append(" - ");
                for (int j = 0; j < width; j++)
                {
                    if (start + j >= data.Length) { sb.Append("   "); continue; }
                    byte b = data[start + j];
                    sb.Append(digits[b >> 4]).Append(digits[b & 0xF]).Append(j == 7 ? '-' : ' ');
                }
                sb.Append("  ");
                for (int j = 0; j < width && start + j < data.Length; j++)
                {
                    byte b = data[start + j];
                    sb.Append(b >= 0x20 && b <= 0x7E ? (char)b : '.');
                }
                sb.Append('\n');
            }
        }

        /// <summary>
        /// <c>SSL_SESSION_print_keylog</c> (<c>sess_id -outform NSS</c>): "RSA Session-ID:&lt;HEX&gt; Master-Key:&lt;HEX&gt;", uppercase, no newline.
        /// </summary>
        /// <exception cref="SslSessionFormatException">CannotFormat when the id or the key is empty, as OpenSSL refuses.</exception>
        public static string FormatKeyLog(SslSession s)
        {
            if (s == null) throw new ArgumentNullException(nameof(s));
            if (s.Id.IsEmpty || s.Key.IsEmpty)
                throw new SslSessionFormatException(SslSessionFormatError.CannotFormat,
                    $"key log: the session has a {s.Id.Length}-byte id and a {s.Key.Length}-byte key; both must be non-empty (SSL_SESSION_print_keylog refuses otherwise).");
            return "RSA Session-ID:" + Hex.ToUpper(s.Id.Span) + " Master-Key:" + Hex.ToUpper(s.Key.Span);
        }
    }
}
