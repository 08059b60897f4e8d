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
        /// <remarks>
        /// The body is read as strict base64: a character outside the base64 alphabet, misplaced padding, or
        /// blanks/tabs before or inside a body line are errors (BadBase64), where OpenSSL's EVP_DecodeUpdate skips
        /// blanks anywhere. That is deliberate: a damaged file is reported, not half-read. A blank line inside the
        /// body is refused (BadPem), as PEM_read_bio refuses it ("not proc type").
        /// </remarks>
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
        /// <remarks>
        /// Lines are scanned in place (a CR and trailing blanks or tabs at a line's end are tolerated); each block's
        /// base64 is decoded straight from the text into its byte[] once its END line is found.
        /// </remarks>
        internal static List<byte[]> ReadBlocks(string text)
        {
            var blocks = new List<byte[]>();
            int pos = 0, lineNo = 0;
            string? label = null;
            bool ours = false;
            int blockLine = 0, bodyStart = 0, bodyChars = 0, bodyLines = 0;
            while (pos < text.Length) // the empty rest after a final line end is no line
            {
                int nl = text.IndexOf('\n', pos);
                int lineEnd = nl < 0 ? text.Length : nl;
                int start = pos;
                int end = TrimmedEnd(text, start, lineEnd);
                int length = end - start;
                lineNo++;
                pos = lineEnd + 1;
                if (label == null)
                {
                    if (length >= Begin.Length + Dashes.Length && StartsWith(text, start, length, Begin) &&
                        string.CompareOrdinal(text, end - Dashes.Length, Dashes, 0, Dashes.Length) == 0)
                    {
                        label = text.Substring(start + Begin.Length, length - Begin.Length - Dashes.Length);
                        ours = label == Label;
                        blockLine = lineNo;
                        bodyStart = pos;
                        bodyChars = bodyLines = 0;
                    }
                }
                else if (StartsWith(text, start, length, End))
                {
                    if (length != End.Length + label.Length + Dashes.Length ||
                        string.CompareOrdinal(text, start + End.Length, label, 0, label.Length) != 0 ||
                        string.CompareOrdinal(text, end - Dashes.Length, Dashes, 0, Dashes.Length) != 0)
                        throw new SslSessionFormatException(SslSessionFormatError.BadPem,
                            $"PEM: line {lineNo}: found '{text.Substring(start, length)}' closing the block opened on line {blockLine}; '{End + label + Dashes}' is required.");
                    if (ours) blocks.Add(DecodeBase64(text, bodyStart, start, bodyChars, blockLine));
                    label = null;
                }
                else if (ours)
                {
                    if (length == 0)
                    {
                        // PEM_read_bio takes the lines before a blank line as RFC 1421 headers and then refuses them
                        // ("not proc type"); only a blank line straight after BEGIN (no headers) is harmless there.
                        if (bodyLines > 0)
                            throw new SslSessionFormatException(SslSessionFormatError.BadPem,
                                $"PEM: line {lineNo}: a blank line inside the block opened on line {blockLine}; OpenSSL reads the lines before it as encryption headers and refuses the file, so the body must not contain blank lines.");
                    }
                    else if (text.IndexOf(':', start, length) >= 0)
                    {
                        throw new SslSessionFormatException(SslSessionFormatError.BadPem,
                            $"PEM: line {lineNo}: found a header line ('{text.Substring(start, length)}'); session blocks carry no headers (no encryption).");
                    }
                    bodyLines++;
                    bodyChars += length;
                }
                if (nl < 0) break;
            }
            if (label != null)
                throw new SslSessionFormatException(SslSessionFormatError.BadPem,
                    $"PEM: the '-----BEGIN {label}-----' block opened on line {blockLine} has no END line; '-----END {label}-----' is required.");
            return blocks;
        }

        private static bool StartsWith(string text, int start, int length, string prefix) =>
            length >= prefix.Length && string.CompareOrdinal(text, start, prefix, 0, prefix.Length) == 0;

        /// <summary>The end of the line [start, end) without a CR and trailing blanks or tabs.</summary>
        private static int TrimmedEnd(string text, int start, int end)
        {
            while (end > start)
            {
                char c = text[end - 1];
                if (c != '\r' && c != ' ' && c != '\t') break;
                end--;
            }
            return end;
        }

        /// <summary>Strict base64 of text without line ends (see the overload below).</summary>
        internal static byte[] DecodeBase64(string b64, int line) => DecodeBase64(b64, 0, b64.Length, b64.Length, line);

        /// <summary>
        /// Strict base64 of the body lines in [<paramref name="from"/>, <paramref name="to"/>) (<paramref name="chars"/>
        /// characters once each line is trimmed): only A–Z a–z 0–9 + /, '=' padding only at the end and only as needed.
        /// </summary>
        internal static byte[] DecodeBase64(string text, int from, int to, int chars, int line)
        {
            // One pass, validating as it decodes; '=' is allowed only as the final padding, which is counted first.
            int pad = TrailingPadding(text, from, to);
            var result = new byte[Math.Max(0, chars / 4 * 3 - pad)];
            int quad = 0, filled = 0, o = 0, position = 0;
            for (int pos = from; pos < to;)
            {
                int nl = text.IndexOf('\n', pos, to - pos);
                int lineEnd = nl < 0 ? to : nl;
                int end = TrimmedEnd(text, pos, lineEnd);
                for (int i = pos; i < end; i++, position++)
                {
                    char c = text[i];
                    int v = c < 128 ? Digits[c] : -1;
                    if (v < 0)
                    {
                        if (c != '=' || position < chars - pad)
                            throw new SslSessionFormatException(SslSessionFormatError.BadBase64,
                                $"PEM: the block opened on line {line} has '{Printable(c)}' at base64 position {position}; only A-Z, a-z, 0-9, '+', '/' and final '=' padding are allowed.");
                        v = 0;
                    }
                    quad = (quad << 6) | v;
                    if (++filled < 4) continue;
                    // The last quad may carry padding: only as many bytes as the result has room for.
                    if (o < result.Length) result[o++] = (byte)(quad >> 16);
                    if (o < result.Length) result[o++] = (byte)(quad >> 8);
                    if (o < result.Length) result[o++] = (byte)quad;
                    quad = filled = 0;
                }
                pos = lineEnd + 1;
            }
            if (chars % 4 != 0)
                throw new SslSessionFormatException(SslSessionFormatError.BadBase64,
                    $"PEM: the block opened on line {line} has {chars} base64 characters; a multiple of 4 (with '=' padding) is required.");
            return result;
        }

        /// <summary>How many of the body's last two characters (line ends and trailing blanks aside) are '=' padding.</summary>
        private static int TrailingPadding(string text, int from, int to)
        {
            int pad = 0;
            for (int i = to - 1; i >= from && pad < 2; i--)
            {
                char c = text[i];
                if (c == '=') pad++;
                else if (c != '\r' && c != '\n' && c != ' ' && c != '\t') break;
            }
            return pad;
        }

        // Base64 digit values by character; -1 for everything else (including '=', handled apart).
        private static readonly sbyte[] Digits = MakeDigits();

        private static sbyte[] MakeDigits()
        {
            var digits = new sbyte[128];
            for (int i = 0; i < digits.Length; i++) digits[i] = -1;
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            for (int i = 0; i < alphabet.Length; i++) digits[alphabet[i]] = (sbyte)i;
            return digits;
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
