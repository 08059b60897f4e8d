using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using PSSslSession.Codec;

namespace PSSslSession.Commands
{
    /// <summary>Renders sessions in a <see cref="SessionOutputFormat"/>: one session as a value, several as the content of one file.</summary>
    internal static class SessionFormatter
    {
        /// <summary>
        /// One session as ConvertFrom-SslSession outputs it: DER as a byte[], every other form as a string
        /// (PEM with its final newline, Text with "\n" line ends, Base64 and KeyLog as one line without newline).
        /// </summary>
        /// <exception cref="SslSessionFormatException">The session cannot be written in that form (KeyLog without id or key).</exception>
        public static object Format(SslSession session, SessionOutputFormat format, bool includeSecret)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            switch (format)
            {
                case SessionOutputFormat.Der: return SslSessionCodec.Encode(session);
                case SessionOutputFormat.Pem: return SslSessionPem.Write(session);
                case SessionOutputFormat.Base64: return Convert.ToBase64String(SslSessionCodec.Encode(session));
                case SessionOutputFormat.Text: return SslSessionText.Format(session, includeSecret);
                case SessionOutputFormat.KeyLog: return SslSessionText.FormatKeyLog(session);
                default: throw new ArgumentOutOfRangeException(nameof(format), format, null);
            }
        }

        /// <summary>
        /// The content of one file from sessions already formatted by <see cref="Format"/>: one DER session, a PEM bundle
        /// (the blocks one after another), or the text forms one per line or block ("\n" line ends, UTF-8).
        /// </summary>
        /// <exception cref="SessionExportException">MultipleSessionsForDer.</exception>
        public static byte[] Join(IReadOnlyList<object> formatted, SessionOutputFormat format)
        {
            if (formatted == null) throw new ArgumentNullException(nameof(formatted));
            if (format == SessionOutputFormat.Der)
            {
                if (formatted.Count != 1) throw MultipleSessionsForDer(formatted.Count);
                return (byte[])formatted[0];
            }
            // Encoded straight into one array of the exact size: a bundle of 100,000 sessions is 18 MB, and building it as
            // one string first would copy it three more times (growing builder, ToString, GetBytes).
            var utf8 = new UTF8Encoding(false);
            long total = 0;
            foreach (string part in formatted) total += utf8.GetByteCount(part) + (NeedsNewline(part) ? 1 : 0);
            var bytes = new byte[total];
            int offset = 0;
            foreach (string part in formatted)
            {
                offset += utf8.GetBytes(part, 0, part.Length, bytes, offset);
                if (NeedsNewline(part)) bytes[offset++] = (byte)'\n';
            }
            return bytes;
        }

        private static bool NeedsNewline(string part) => part.Length > 0 && part[part.Length - 1] != '\n';

        /// <summary>DER holds exactly one session (<c>i2d_SSL_SESSION</c>).</summary>
        public static SessionExportException MultipleSessionsForDer(int count) =>
            new SessionExportException(SessionExportError.MultipleSessionsForDer,
                $"DER holds exactly one session, but {count} were given. Use -Format Pem for a bundle, or export each session to its own file.");
    }
}
