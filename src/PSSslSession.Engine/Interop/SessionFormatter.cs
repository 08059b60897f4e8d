using System;
using System.Collections.Generic;
using System.Text;
using PSSslSession.Codec;

namespace PSSslSession.Engine.Interop
{
    /// <summary>Renders sessions in a <see cref="SessionOutputFormat"/>: one session as a value, several as file content.</summary>
    public static class SessionFormatter
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
        /// The content of one file holding <paramref name="sessions"/>: a PEM bundle, one DER session, or
        /// the text forms one after another ("\n" line ends, ASCII).
        /// </summary>
        /// <exception cref="SessionExportException">MultipleSessionsForDer.</exception>
        /// <exception cref="SslSessionFormatException">A session cannot be written in that form.</exception>
        public static byte[] FormatFile(IReadOnlyList<SslSession> sessions, SessionOutputFormat format, bool includeSecret)
        {
            if (sessions == null) throw new ArgumentNullException(nameof(sessions));
            switch (format)
            {
                case SessionOutputFormat.Der:
                    if (sessions.Count != 1)
                        throw new SessionExportException(SessionExportError.MultipleSessionsForDer,
                            $"DER holds exactly one session, but {sessions.Count} were given. Use -Format Pem for a bundle, or export each session to its own file.");
                    return SslSessionCodec.Encode(sessions[0]);
                case SessionOutputFormat.Pem:
                    return Encoding.ASCII.GetBytes(SslSessionPem.Write(sessions));
                default:
                    var text = new StringBuilder();
                    foreach (var session in sessions)
                    {
                        text.Append((string)Format(session, format, includeSecret));
                        if (text.Length > 0 && text[text.Length - 1] != '\n') text.Append('\n');
                    }
                    return Encoding.UTF8.GetBytes(text.ToString());
            }
        }
    }
}
