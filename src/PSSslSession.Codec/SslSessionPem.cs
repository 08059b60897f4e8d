using System;
using System.Collections.Generic;
using System.Text;

namespace PSSslSession.Codec
{
    /// <summary>
    /// PEM form of sessions (<c>PEM_read_bio_SSL_SESSION</c> / <c>PEM_write_bio_SSL_SESSION</c>): the DER in
    /// base64, 64 characters a line, between <c>-----BEGIN SSL SESSION PARAMETERS-----</c> and the matching END.
    /// </summary>
    public static class SslSessionPem
    {
        /// <summary><c>PEM_STRING_SSL_SESSION</c>.</summary>
        public const string Label = "SSL SESSION PARAMETERS";

        private const string Begin = "-----BEGIN ";
        private const string End = "-----END ";
        private const string Dashes = "-----";

        /// <summary>
        /// Every <c>SSL SESSION PARAMETERS</c> block of <paramref name="text"/>, in order. Text before, between
        /// and after blocks is skipped (so <c>sess_id -text</c> output reads back), blocks with other labels are
        /// ignored, CRLF line ends are accepted. Each block's DER must be exactly one session.
        /// </summary>
        /// <exception cref="SslSessionFormatException">NoPemBlock (none of ours), BadPem (not closed, headers), BadBase64, or any DER reason.</exception>
        public static IReadOnlyList<SslSession> ReadAll(string text, SslSessionDecodeOptions? options = null)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            var result = new List<SslSession>();
            foreach (var der in ReadBlocks(text))
                result.Add(SslSessionCodec.Decode(der, options));
            if (result.Count == 0)
                throw new SslSessionFormatException(SslSessionFormatError.NoPemBlock,
                    $"PEM: found no '-----BEGIN {Label}-----' block; a PEM session block is required.");
            return result;
        }

        /// <summary>The DER of every block with our label, in order (nothing decoded yet).</summary>
        internal static List<byte[]> ReadBlocks(string text)
        {
            var blocks = new List<byte[]>();
            int pos = 0, lineNo = 0;
            string? label = null;
            int blockLine = 0;
            var body = new StringBuilder();
            while (pos <= text.Length)
            {
                int nl = text.IndexOf('\n', pos);
                int end = nl < 0 ? text.Length : nl;
                var line = text.Substring(pos, end - pos).TrimEnd('\r', ' ', '\t');
                lineNo++;
                pos = end + 1;
                if (label == null)
                {
                    if (line.StartsWith(Begin, StringComparison.Ordinal) && line.EndsWith(Dashes, StringComparison.Ordinal) && line.Length >= Begin.Length + Dashes.Length)
                    {
                        label = line.Substring(Begin.Length, line.Length - Begin.Length - Dashes.Length);
                        blockLine = lineNo;
                        body.Clear();
                    }
                }
                else if (line.StartsWith(End, StringComparison.Ordinal))
                {
                    var expected = End + label + Dashes;
                    if (line != expected)
                        throw new SslSessionFormatException(SslSessionFormatError.BadPem,
                            $"PEM: line {lineNo}: found '{line}' closing the block opened on line {blockLine}; '{expected}' is required.");
                    if (label == Label) blocks.Add(DecodeBase64(body.ToString(), blockLine));
                    label = null;
                }
                else if (label == Label)
                {
                    if (line.IndexOf(':') >= 0)
                        throw new SslSessionFormatException(SslSessionFormatError.BadPem,
                            $"PEM: line {lineNo}: found a header line ('{line}'); session blocks carry no headers (no encryption).");
                    body.Append(line);
                }
                if (nl < 0) break;
            }
            if (label != null)
                throw new SslSessionFormatException(SslSessionFormatError.BadPem,
                    $"PEM: the '-----BEGIN {label}-----' block opened on line {blockLine} has no END line; '-----END {label}-----' is required.");
            return blocks;
        }

        /// <summary>Strict base64: only A–Z a–z 0–9 + /, '=' padding only at the end and only as needed.</summary>
        internal static byte[] DecodeBase64(string b64, int line)
        {
            for (int i = 0; i < b64.Length; i++)
            {
                char c = b64[i];
                bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
                if (ok) continue;
                if (c == '=' && (i == b64.Length - 1 || (i == b64.Length - 2 && b64[i + 1] == '='))) continue;
                throw new SslSessionFormatException(SslSessionFormatError.BadBase64,
                    $"PEM: the block opened on line {line} has '{Printable(c)}' at base64 position {i}; only A-Z, a-z, 0-9, '+', '/' and final '=' padding are allowed.");
            }
            if (b64.Length % 4 != 0)
                throw new SslSessionFormatException(SslSessionFormatError.BadBase64,
                    $"PEM: the block opened on line {line} has {b64.Length} base64 characters; a multiple of 4 (with '=' padding) is required.");
            try
            {
                return Convert.FromBase64String(b64);
            }
            catch (FormatException e)
            {
                throw new SslSessionFormatException(SslSessionFormatError.BadBase64, $"PEM: the block opened on line {line} is not valid base64: {e.Message}", e);
            }
        }

        private static string Printable(char c) => c < ' ' || c > '~' ? $"U+{(int)c:X4}" : c.ToString();

        /// <summary><c>PEM_write_bio_SSL_SESSION</c>: one block, 64-column base64, "\n" line ends.</summary>
        public static string Write(SslSession session)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            var sb = new StringBuilder();
            Append(sb, session);
            return sb.ToString();
        }

        /// <summary>One block per session, in order (a bundle).</summary>
        public static string Write(IEnumerable<SslSession> sessions)
        {
            if (sessions == null) throw new ArgumentNullException(nameof(sessions));
            var sb = new StringBuilder();
            foreach (var s in sessions) Append(sb, s ?? throw new ArgumentException("The sequence contains a null session.", nameof(sessions)));
            return sb.ToString();
        }

        private static void Append(StringBuilder sb, SslSession session)
        {
            var b64 = Convert.ToBase64String(SslSessionCodec.Encode(session));
            sb.Append(Begin).Append(Label).Append(Dashes).Append('\n');
            for (int i = 0; i < b64.Length; i += 64)
                sb.Append(b64, i, Math.Min(64, b64.Length - i)).Append('\n');
            sb.Append(End).Append(Label).Append(Dashes).Append('\n');
        }
    }
}
