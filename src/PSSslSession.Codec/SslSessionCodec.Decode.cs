using System;

namespace PSSslSession.Codec
{
    public static partial class SslSessionCodec
    {
        /// <summary>Timeout given to a session whose [2] is absent or 0 (<c>d2i_SSL_SESSION</c> sets 3 seconds).</summary>
        public const long AbsentTimeoutSeconds = 3;

        // Context field [n] -> name used in error messages.
        private static readonly string[] FieldNames =
        {
            "[0] key_arg", "[1] time", "[2] timeout", "[3] peer certificate", "[4] session_id_context",
            "[5] verify_result", "[6] hostname", "[7] psk_identity_hint", "[8] psk_identity",
            "[9] ticket_lifetime_hint", "[10] ticket", "[11] comp_id", "[12] srp_username", "[13] flags",
            "[14] tick_age_add", "[15] max_early_data", "[16] alpn_selected", "[17] max_fragment_len_mode",
            "[18] ticket_appdata", "[19] kex_group", "[20] peer_rpk",
        };

        /// <summary>
        /// <c>d2i_SSL_SESSION</c>: decodes one DER session with OpenSSL 3.0's rules (§A.3). Bytes after the
        /// SEQUENCE are refused unless <see cref="SslSessionDecodeOptions.AllowTrailingData"/> is set.
        /// </summary>
        /// <exception cref="SslSessionFormatException">The input breaks a rule; <see cref="SslSessionFormatException.Reason"/> says which. No other exception escapes.</exception>
        public static SslSession Decode(ReadOnlySpan<byte> der, SslSessionDecodeOptions? options = null)
        {
            var session = Decode(der, out int consumed, options);
            if (consumed < der.Length && !(options ?? SslSessionDecodeOptions.Default).AllowTrailingData)
                throw new SslSessionFormatException(SslSessionFormatError.TrailingData,
                    $"session: {der.Length - consumed} bytes follow the SEQUENCE; one DER session and nothing after it is allowed (set AllowTrailingData to ignore them, as openssl sess_id does).")
                { Offset = consumed };
            return session;
        }

        /// <summary>
        /// <c>d2i_SSL_SESSION</c> on a stream: decodes the session at the start of <paramref name="der"/> and
        /// reports how many bytes it took, leaving anything after it to the caller (as d2i advances its pointer).
        /// The class remarks list where the rules differ from OpenSSL's.
        /// </summary>
        /// <exception cref="SslSessionFormatException">The input breaks a rule; no other exception escapes.</exception>
        public static SslSession Decode(ReadOnlySpan<byte> der, out int bytesConsumed, SslSessionDecodeOptions? options = null)
        {
            options ??= SslSessionDecodeOptions.Default;
            if (der.Length == 0)
                throw new SslSessionFormatException(SslSessionFormatError.Empty, "session: the input is empty; a DER SEQUENCE (0x30) is required.") { Offset = 0 };
            if (der[0] != 0x30)
                throw new SslSessionFormatException(SslSessionFormatError.Malformed, $"session: found tag 0x{der[0]:X2}; a session is a DER SEQUENCE (0x30).") { Offset = 0 };
            try
            {
                var outer = new DerReader(der, 0);
                var body = outer.Read("session SEQUENCE", 0x30, out int bodyOffset);
                bytesConsumed = outer.Offset;
                return DecodeBody(body, bodyOffset, options);
            }
            // Defence in depth: whatever a bug in the reader might throw still reaches the caller as a format error.
            catch (Exception e) when (!(e is SslSessionFormatException) && !(e is OutOfMemoryException))
            {
                throw new SslSessionFormatException(SslSessionFormatError.Malformed, "session: the DER is malformed: " + e.Message, e);
            }
        }

        private static SslSession DecodeBody(ReadOnlySpan<byte> body, int bodyOffset, SslSessionDecodeOptions options)
        {
            var r = new DerReader(body, bodyOffset);
            var s = new SslSession();

            int at = r.Offset;
            var version = ReadUnsigned(r.Read("version", 0x02, out int o), "version", o, uint.MaxValue);
            if (version != AsnVersion)
                throw Fail(SslSessionFormatError.UnknownSslVersion, $"version: found {version}; only SSL_SESSION_ASN1_VERSION 1 is allowed", at);

            at = r.Offset;
            var protocol = (int)ReadSigned(r.Read("ssl_version", 0x02, out o), "ssl_version", o, int.MinValue, int.MaxValue);
            if (!new SslProtocol(protocol).IsSupportedByCodec)
                throw Fail(SslSessionFormatError.UnsupportedSslVersion, $"ssl_version: found 0x{protocol:X4}; the major version must be 0x03 or 0xFE, or the value 0x0100 (DTLS1_BAD_VER)", at);
            s.ProtocolNumber = protocol;

            at = r.Offset;
            var cipher = Octets(ref r, "cipher", out o);
            if (cipher.Length != 2)
                throw Fail(SslSessionFormatError.CipherCodeWrongLength, $"cipher: found {cipher.Length} bytes; the cipher code must be exactly 2 bytes", at);
            ushort code = (ushort)(cipher[0] << 8 | cipher[1]);
            s.CipherSuite = CipherSuites.FromCode(code)
                ?? throw Fail(SslSessionFormatError.UnknownCipher, $"cipher: found 0x{code:X4}, which OpenSSL 3.0 does not know; only suites in its table (TLS 1.3, TLS 1.2 and earlier, and the SCSVs) are allowed", at);

            at = r.Offset;
            var id = Octets(ref r, "session_id", out o);
            if (id.Length > SessionId.MaxLength)
                throw Fail(SslSessionFormatError.SessionIdTooLong, $"session_id: found {id.Length} bytes; at most {SessionId.MaxLength} are allowed", at);
            s.Id = id.Length == 0 ? SessionId.Empty : SessionId.FromOwned(id.ToArray());

            at = r.Offset;
            var key = Octets(ref r, "master_key", out o);
            if (key.Length > MaxMasterKeyLength)
                throw Fail(SslSessionFormatError.MasterKeyTooLong, $"master_key: found {key.Length} bytes; at most {MaxMasterKeyLength} are allowed", at);
            s.Key = key.Length == 0 ? SslSecret.Empty : SslSecret.FromOwned(key.ToArray());

            long time = 0, timeout = 0;
            int last = -1;
            while (r.HasMore)
            {
                at = r.Offset;
                int tag = r.PeekTag();
                // [0] is IMPLICIT OCTET STRING: primitive 0x80, or constructed 0xA0 in BER.
                int field = tag == 0x80 || tag == 0xA0 ? 0 : tag >= 0xA1 && tag <= 0xB4 ? tag - 0xA0 : -1;
                if (field < 0 || field <= last || (field == 20 && !options.AllowPeerRawPublicKey))
                    throw Fail(SslSessionFormatError.UnexpectedField, UnexpectedMessage(tag, field, last, options), at);
                last = field;
                var content = r.Read(FieldNames[field], tag, out o);
                if (field == 0)
                {
                    // SSLv2 key_arg: accepted and ignored, as OpenSSL does (a constructed one must still gather).
                    if (tag == 0xA0) DerReader.Gather(content, FieldNames[0], o);
                    continue;
                }
                var inner = new DerReader(content, o);
                string name = FieldNames[field];
                switch (field)
                {
                    case 1: time = ReadSigned(Inner(ref inner, name, 0x02, out o), name, o, long.MinValue, long.MaxValue); break;
                    case 2: timeout = ReadSigned(Inner(ref inner, name, 0x02, out o), name, o, long.MinValue, long.MaxValue); break;
                    case 3:
                        if (!Certificates.IsWellFormed(content))
                            throw Fail(SslSessionFormatError.BadPeerCertificate, $"{name}: found {content.Length} bytes that are not one well-formed DER X.509 Certificate; a SEQUENCE {{ tbsCertificate, signatureAlgorithm, signature BIT STRING }} is required", o);
                        s.PeerCertificateDer = Certificates.Canonicalize(content);
                        continue; // the certificate is the whole explicit content; nothing to check after it
                    case 4:
                        var ctx = Octets(ref inner, name, out o);
                        if (ctx.Length > MaxSessionIdContextLength)
                            throw Fail(SslSessionFormatError.SessionIdContextTooLong, $"{name}: found {ctx.Length} bytes; at most {MaxSessionIdContextLength} are allowed", at);
                        s.SidCtx = ctx.ToArray();
                        break;
                    case 5: s.Verify = ReadSigned(Inner(ref inner, name, 0x02, out o), name, o, int.MinValue, int.MaxValue); break;
                    case 6: s.Hostname = CString(Octets(ref inner, name, out o)); break;
                    case 7: s.PskHint = CString(Octets(ref inner, name, out o)); break;
                    case 8: s.PskId = CString(Octets(ref inner, name, out o)); break;
                    case 9: s.LifetimeHint = ReadUnsigned(Inner(ref inner, name, 0x02, out o), name, o, ulong.MaxValue); break;
                    case 10: s.TicketBytes = Octets(ref inner, name, out o).ToArray(); break;
                    case 11:
                        var comp = Octets(ref inner, name, out o);
                        if (comp.Length != 1)
                            throw Fail(SslSessionFormatError.BadCompressionLength, $"{name}: found {comp.Length} bytes; the compression id must be exactly 1 byte", at);
                        s.CompressionMethod = comp[0];
                        break;
                    case 12: s.Srp = CString(Octets(ref inner, name, out o)); break;
                    // OpenSSL keeps flags in 32 bits and max_fragment_len_mode in 8: higher bits are dropped.
                    case 13: s.FlagBits = unchecked((uint)ReadUnsigned(Inner(ref inner, name, 0x02, out o), name, o, ulong.MaxValue)); break;
                    case 14: s.AgeAdd = (uint)ReadUnsigned(Inner(ref inner, name, 0x02, out o), name, o, uint.MaxValue); break;
                    case 15: s.EarlyData = (uint)ReadUnsigned(Inner(ref inner, name, 0x02, out o), name, o, uint.MaxValue); break;
                    case 16: s.AlpnBytes = Octets(ref inner, name, out o).ToArray(); break;
                    case 17: s.MaxFragmentMode = unchecked((byte)ReadUnsigned(Inner(ref inner, name, 0x02, out o), name, o, uint.MaxValue)); break;
                    case 18: s.AppData = Octets(ref inner, name, out o).ToArray(); break;
                    case 19: s.GroupId = (uint)ReadUnsigned(Inner(ref inner, name, 0x02, out o), name, o, uint.MaxValue); break;
                    case 20: s.PeerRpkDer = Octets(ref inner, name, out o).ToArray(); break;
                }
                if (inner.HasMore)
                    throw Fail(SslSessionFormatError.Malformed, $"{name}: found bytes after the value inside the EXPLICIT tag; exactly one element is allowed", inner.Offset);
            }

            s.TimeSeconds = time != 0 ? time : (options.Now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
            s.TimeoutSecondsRaw = timeout != 0 ? timeout : AbsentTimeoutSeconds;
            return s;
        }

        private static ReadOnlySpan<byte> Inner(ref DerReader inner, string name, int tag, out int offset) =>
            inner.Read(name, tag, out offset);

        // OCTET STRING, or (BER, as OpenSSL's template decoder allows) a constructed one whose pieces are gathered.
        private static ReadOnlySpan<byte> Octets(ref DerReader r, string name, out int offset)
        {
            int at = r.Offset;
            var content = r.Read(name, out int tag, out offset);
            if (tag == 0x04) return content;
            if (tag == 0x24) return DerReader.Gather(content, name, offset);
            throw Fail(SslSessionFormatError.Malformed, $"{name}: found tag 0x{DerReader.TagText(tag)} where an OCTET STRING (0x04) is required", at);
        }

        private static string UnexpectedMessage(int tag, int field, int last, SslSessionDecodeOptions options)
        {
            string after = last < 0 ? "master_key" : FieldNames[last];
            if (field < 0)
                return $"found tag 0x{DerReader.TagText(tag)} after {after}; only the context tags [0] (0x80) and [1]..[20] (0xA1..0xB4), in increasing order, are allowed";
            if (field == 20 && !options.AllowPeerRawPublicKey)
                return "[20] peer_rpk: found an OpenSSL 3.2+ raw public key, which OpenSSL 3.0 refuses; set AllowPeerRawPublicKey to accept it";
            return $"{FieldNames[field]}: found after {after}; fields must appear once each, in increasing tag order";
        }

        // OpenSSL's c2i for INT32/INT64 families: a zero-length body is 0 (backward-compatibility quirk);
        // otherwise minimal two's complement, and the value must fit the field.
        private static long ReadSigned(ReadOnlySpan<byte> c, string name, int offset, long min, long max)
        {
            if (c.Length == 0) return 0;
            CheckMinimal(c, name, offset);
            if (c.Length > 8)
                throw Fail(SslSessionFormatError.Malformed, $"{name}: found a {c.Length}-byte INTEGER; at most 8 bytes are allowed for a 64-bit field", offset);
            long v = (sbyte)c[0];
            for (int i = 1; i < c.Length; i++) v = (v << 8) | c[i];
            if (v < min || v > max)
                throw Fail(SslSessionFormatError.Malformed, $"{name}: found {v}; the allowed range is {min}..{max}", offset);
            return v;
        }

        private static ulong ReadUnsigned(ReadOnlySpan<byte> c, string name, int offset, ulong max)
        {
            if (c.Length == 0) return 0;
            CheckMinimal(c, name, offset);
            if ((c[0] & 0x80) != 0)
                throw Fail(SslSessionFormatError.Malformed, $"{name}: found a negative INTEGER; the field is unsigned", offset);
            if (c.Length > 9 || (c.Length == 9 && c[0] != 0))
                throw Fail(SslSessionFormatError.Malformed, $"{name}: found a {c.Length}-byte INTEGER; at most 64 bits are allowed", offset);
            ulong v = 0;
            for (int i = 0; i < c.Length; i++) v = (v << 8) | c[i];
            if (v > max)
                throw Fail(SslSessionFormatError.Malformed, $"{name}: found {v}; the allowed range is 0..{max}", offset);
            return v;
        }

        // "illegal padding": the first 9 bits may not be all 0 or all 1.
        private static void CheckMinimal(ReadOnlySpan<byte> c, string name, int offset)
        {
            if (c.Length > 1 && ((c[0] == 0x00 && (c[1] & 0x80) == 0) || (c[0] == 0xFF && (c[1] & 0x80) != 0)))
                throw Fail(SslSessionFormatError.Malformed, $"{name}: found a non-minimal INTEGER (illegal padding 0x{c[0]:X2}{c[1]:X2}); DER requires the shortest encoding", offset);
        }

        // strndup: a C string ends at the first NUL.
        private static byte[] CString(ReadOnlySpan<byte> bytes)
        {
            int nul = bytes.IndexOf((byte)0);
            return (nul >= 0 ? bytes.Slice(0, nul) : bytes).ToArray();
        }

        private static SslSessionFormatException Fail(SslSessionFormatError reason, string message, int offset) =>
            new SslSessionFormatException(reason, message + ".") { Offset = offset };
    }
}
