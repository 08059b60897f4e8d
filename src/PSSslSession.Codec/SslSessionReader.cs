using System;
using System.Collections.Generic;
using System.Text;

namespace PSSslSession.Codec
{
    /// <summary>
    /// Reads sessions from bytes of unknown form (a file or a value of unknown encoding):
    /// PEM text (<c>PEM_read_bio_SSL_SESSION</c>, many blocks), raw DER (<c>d2i_SSL_SESSION</c>, one or
    /// more sessions back to back), or base64 text of DER.
    /// </summary>
    public static class SslSessionReader
    {
        private static readonly byte[] BeginMarker = Encoding.ASCII.GetBytes("-----BEGIN ");

        /// <summary>
        /// Detects the form and returns every session in order: text containing "-----BEGIN " is PEM;
        /// a first byte 0x30 is DER (sessions back to back); other text is base64 of DER.
        /// </summary>
        /// <exception cref="SslSessionFormatException">Empty input, an unrecognised form, or any PEM/DER reason.</exception>
        public static IReadOnlyList<SslSession> ReadAny(byte[] data, SslSessionDecodeOptions? options = null)
        {
            if (data == null) throw new ArgumentNullException(nameof(data));
            if (data.Length == 0)
                throw new SslSessionFormatException(SslSessionFormatError.Empty, "input: no bytes; PEM, DER or base64 of DER is required.");
            if (IndexOf(data, BeginMarker) >= 0)
                return SslSessionPem.ReadAll(Text(data), options);
            if (data[0] == 0x30)
                return ReadDer(data, options);

            var text = Text(data).Trim();
            if (text.Length == 0)
                throw new SslSessionFormatException(SslSessionFormatError.Empty, "input: only white space; PEM, DER or base64 of DER is required.");
            var b64 = new StringBuilder(text.Length);
            foreach (var c in text)
                if (!char.IsWhiteSpace(c)) b64.Append(c);
            if (!LooksLikeBase64(b64))
                throw new SslSessionFormatException(SslSessionFormatError.NoPemBlock,
                    $"input: found neither a '-----BEGIN {SslSessionPem.Label}-----' block, nor DER (first byte 0x{data[0]:X2}, 0x30 is required), nor base64 text.");
            var der = SslSessionPem.DecodeBase64(b64.ToString(), 1);
            if (der.Length == 0 || der[0] != 0x30)
                throw new SslSessionFormatException(SslSessionFormatError.Malformed, "input: the base64 text does not decode to a DER SEQUENCE (0x30).");
            return ReadDer(der, options);
        }

        /// <summary>Sessions back to back; anything else after the last one is trailing data.</summary>
        private static IReadOnlyList<SslSession> ReadDer(byte[] der, SslSessionDecodeOptions? options)
        {
            var result = new List<SslSession>();
            int pos = 0;
            while (pos < der.Length)
            {
                if (result.Count > 0 && der[pos] != 0x30)
                {
                    if ((options ?? SslSessionDecodeOptions.Default).AllowTrailingData) break;
                    throw new SslSessionFormatException(SslSessionFormatError.TrailingData,
                        $"input: {der.Length - pos} bytes after session {result.Count} are not a DER session (tag 0x{der[pos]:X2}); set AllowTrailingData to ignore them.") { Offset = pos };
                }
                try
                {
                    result.Add(SslSessionCodec.Decode(new ReadOnlySpan<byte>(der, pos, der.Length - pos), out int used, options));
                    pos += used;
                }
                catch (SslSessionFormatException e) when (e.Offset.HasValue && pos > 0)
                {
                    // Offsets are relative to the session; report them in the whole input.
                    throw new SslSessionFormatException(e.Reason, $"session {result.Count + 1}: {e.Message}", e) { Offset = e.Offset + pos };
                }
            }
            return result;
        }

        private static bool LooksLikeBase64(StringBuilder s)
        {
            if (s.Length == 0) return false;
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '='))
                    return false;
            }
            return true;
        }

        private static string Text(byte[] data)
        {
            // A UTF-8 byte order mark (Windows editors) is not part of the text.
            int skip = data.Length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF ? 3 : 0;
            return Encoding.UTF8.GetString(data, skip, data.Length - skip);
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                int j = 0;
                while (j < needle.Length && haystack[i + j] == needle[j]) j++;
                if (j == needle.Length) return i;
            }
            return -1;
        }
    }
}
