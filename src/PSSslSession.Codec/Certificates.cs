using System;

namespace PSSslSession.Codec
{
    /// <summary>
    /// Checks that [3] holds a DER X.509 <c>Certificate</c> that <c>d2i_X509</c> would parse, without
    /// building an <c>X509Certificate2</c> (the session keeps the bytes and parses them lazily). It follows
    /// the RFC 5280 structure and the content rules OpenSSL's template decoder applies on the way: INTEGER
    /// padding, OBJECT IDENTIFIER encoding, BIT STRING unused bits, BOOLEAN/NULL lengths, and the string
    /// types and encodings allowed in names. Values OpenSSL keeps raw (ANY parameters, extension values,
    /// key bits, times) are checked only as well-formed TLVs.
    /// </summary>
    internal static class Certificates
    {
        public static bool IsWellFormed(byte[] der) => IsWellFormed((ReadOnlySpan<byte>)der);

        /// <summary>
        /// SEQUENCE { tbsCertificate, signatureAlgorithm AlgorithmIdentifier, signatureValue BIT STRING } and
        /// nothing after it.
        /// </summary>
        public static bool IsWellFormed(ReadOnlySpan<byte> der)
        {
            try
            {
                var outer = new DerReader(der, 0);
                var cert = Open(ref outer, 0x30);
                return !outer.HasMore
                    && Tbs(cert.Read(F, 0x30, out _))
                    && AlgorithmIdentifier(cert.Read(F, 0x30, out _))
                    && BitString(ReadString(ref cert, 0x03))
                    && !cert.HasMore;
            }
            catch (SslSessionFormatException)
            {
                return false;
            }
        }

        private const string F = "certificate";

        /// <summary>
        /// The bytes <c>i2d_X509</c> writes for a certificate <c>d2i_X509</c> read from <paramref name="der"/>
        /// (which must be well-formed): tbsCertificate exactly as received (OpenSSL caches its encoding), the
        /// outer SEQUENCE, signatureAlgorithm and signatureValue re-encoded in minimal DER. So a session with a
        /// non-DER certificate header re-encodes as OpenSSL re-encodes it.
        /// </summary>
        public static byte[] Canonicalize(ReadOnlySpan<byte> der)
        {
            var outer = new DerReader(der, 0);
            var cert = new DerReader(outer.Read(F, 0x30, out _), 0);
            var tbs = cert.ReadElement(F, out _, out _);
            var algorithm = new DerReader(cert.Read(F, 0x30, out _), 0);
            var oid = algorithm.Read(F, 0x06, out _);
            ReadOnlySpan<byte> parameter = default, parameterContent = default;
            int parameterTag = -1;
            if (algorithm.HasMore) parameter = algorithm.ReadElement(F, out parameterTag, out parameterContent);
            var signature = ReadString(ref cert, 0x03);

            byte[]? collected = null;
            if (parameterTag >= 0 && IsCollectedString(parameterTag))
            {
                collected = DerReader.Gather(parameterContent, F, 0);
                parameterTag &= 0x1F;
                parameterContent = collected;
            }
            int parameterSize = parameterTag < 0 ? 0 : KeptRaw(parameterTag) ? parameter.Length : DerWriter.TlvSize(PrimitiveSize(parameterTag, parameterContent));
            int algorithmSize = DerWriter.TlvSize(oid.Length) + parameterSize;
            int signatureSize = BitStringSize(signature);
            int body = tbs.Length + DerWriter.TlvSize(algorithmSize) + DerWriter.TlvSize(signatureSize);

            var result = new byte[DerWriter.TlvSize(body)];
            var w = new DerWriter(result);
            w.Header(0x30, body);
            w.Bytes(tbs);
            w.Header(0x30, algorithmSize);
            w.Header(0x06, oid.Length);
            w.Bytes(oid);
            if (parameterTag >= 0)
            {
                if (KeptRaw(parameterTag)) w.Bytes(parameter);
                else WritePrimitive(ref w, parameterTag, parameterContent);
            }
            WriteBitString(ref w, 0x03, signature);
            return result;
        }

        // ASN1_TYPE keeps SEQUENCE, SET and non-universal values as the raw element (V_ASN1_OTHER).
        private static bool KeptRaw(int tag) => (tag & 0xC0) != 0 || tag >= DerReader.HighTag || tag == 0x30 || tag == 0x31;

        // Constructed universal strings are gathered (asn1_collect) and written back in primitive form.
        private static bool IsCollectedString(int tag) => !KeptRaw(tag) && (tag & 0x20) != 0;

        private static int PrimitiveSize(int tag, ReadOnlySpan<byte> content) =>
            tag == 0x05 ? 0 : tag == 0x03 ? BitStringSize(content) : content.Length;

        private static void WritePrimitive(ref DerWriter w, int tag, ReadOnlySpan<byte> content)
        {
            if (tag == 0x03) { WriteBitString(ref w, 0x03, content); return; }
            if (tag == 0x05) { w.Header(0x05, 0); return; }
            w.Header((byte)tag, content.Length);
            w.Bytes(content);
        }

        // c2i/i2c of a BIT STRING: the unused-bits octet is kept (0 when there are no data bytes) and the
        // unused bits of the last byte are cleared.
        private static int BitStringSize(ReadOnlySpan<byte> content) => content.Length;

        private static void WriteBitString(ref DerWriter w, byte tag, ReadOnlySpan<byte> content)
        {
            w.Header(tag, content.Length);
            if (content.Length == 1) { w.Bytes(stackalloc byte[] { 0 }); return; }
            w.Bytes(content.Slice(0, content.Length - 1));
            w.Bytes(stackalloc byte[] { (byte)(content[content.Length - 1] & (0xFF << content[0])) });
        }

        // A string-type value (BIT STRING, OCTET STRING, times, IMPLICIT [n] of those): the primitive form, or the
        // constructed BER form, whose pieces asn1_collect gathers (asn1_d2i_ex_primitive with cst set).
        private static ReadOnlySpan<byte> ReadString(ref DerReader r, int tag)
        {
            var content = r.Read(F, out int found, out _);
            if (found == tag) return content;
            if (found == (tag | 0x20)) return DerReader.Gather(content, F, 0);
            throw new SslSessionFormatException(SslSessionFormatError.BadPeerCertificate, "wrong tag");
        }

        private static DerReader Open(ref DerReader r, int tag) => new DerReader(r.Read(F, tag, out _), 0);

        // OpenSSL 3.0's template decoder does not check the constructed bit of SEQUENCE OF / SET OF
        // (asn1_template_noexp_d2i passes no cst), so the primitive forms 0x10 / 0x11 parse too.
        private static ReadOnlySpan<byte> SequenceOf(ref DerReader r, int tag)
        {
            var content = r.Read(F, out int found, out _);
            if (found != tag && found != (tag & ~0x20)) throw new SslSessionFormatException(SslSessionFormatError.BadPeerCertificate, "wrong tag");
            return content;
        }

        // TBSCertificate ::= SEQUENCE { [0] EXPLICIT version OPTIONAL, serialNumber, signature, issuer, validity,
        //   subject, subjectPublicKeyInfo, [1] issuerUniqueID OPTIONAL, [2] subjectUniqueID OPTIONAL, [3] EXPLICIT extensions OPTIONAL }
        private static bool Tbs(ReadOnlySpan<byte> content)
        {
            var r = new DerReader(content, 0);
            if (r.HasMore && r.PeekTag() == 0xA0)
            {
                var v = Open(ref r, 0xA0);
                if (!Integer(v.Read(F, 0x02, out _)) || v.HasMore) return false;
            }
            if (!Integer(r.Read(F, 0x02, out _))) return false;
            if (!AlgorithmIdentifier(r.Read(F, 0x30, out _))) return false;
            if (!Name(SequenceOf(ref r, 0x30))) return false;
            if (!Validity(r.Read(F, 0x30, out _))) return false;
            if (!Name(SequenceOf(ref r, 0x30))) return false;
            if (!PublicKeyInfo(r.Read(F, 0x30, out _))) return false;
            if (r.HasMore && (r.PeekTag() & ~0x20) == 0x81 && !BitString(ReadString(ref r, 0x81))) return false;
            if (r.HasMore && (r.PeekTag() & ~0x20) == 0x82 && !BitString(ReadString(ref r, 0x82))) return false;
            if (r.HasMore && r.PeekTag() == 0xA3)
            {
                var e = Open(ref r, 0xA3);
                if (!Extensions(SequenceOf(ref e, 0x30)) || e.HasMore) return false;
            }
            return !r.HasMore;
        }

        // AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }
        private static bool AlgorithmIdentifier(ReadOnlySpan<byte> content)
        {
            var r = new DerReader(content, 0);
            if (!ObjectIdentifier(r.Read(F, 0x06, out _))) return false;
            if (r.HasMore)
            {
                var value = r.Read(F, out int tag, out _);
                if (!Any(tag, value)) return false;
            }
            return !r.HasMore;
        }

        // Name ::= SEQUENCE OF RelativeDistinguishedName; RDN ::= SET OF SEQUENCE { type OID, value DirectoryString }
        private static bool Name(ReadOnlySpan<byte> content)
        {
            var rdns = new DerReader(content, 0);
            while (rdns.HasMore)
            {
                var rdn = new DerReader(SequenceOf(ref rdns, 0x31), 0);
                while (rdn.HasMore)
                {
                    var atv = Open(ref rdn, 0x30);
                    if (!ObjectIdentifier(atv.Read(F, 0x06, out _))) return false;
                    var value = atv.Read(F, out int tag, out _);
                    if (!NameValue(tag, value) || atv.HasMore) return false;
                }
            }
            return true;
        }

        // Validity ::= SEQUENCE { notBefore Time, notAfter Time }; Time ::= UTCTime | GeneralizedTime
        private static bool Validity(ReadOnlySpan<byte> content)
        {
            var r = new DerReader(content, 0);
            for (int i = 0; i < 2; i++)
            {
                int tag = r.HasMore ? r.PeekTag() & ~0x20 : 0x17;
                if (tag != 0x17 && tag != 0x18) return false;
                ReadString(ref r, tag);
            }
            return !r.HasMore;
        }

        // SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
        private static bool PublicKeyInfo(ReadOnlySpan<byte> content)
        {
            var r = new DerReader(content, 0);
            return AlgorithmIdentifier(r.Read(F, 0x30, out _)) && BitString(ReadString(ref r, 0x03)) && !r.HasMore;
        }

        // Extensions ::= SEQUENCE OF SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
        private static bool Extensions(ReadOnlySpan<byte> content)
        {
            var list = new DerReader(content, 0);
            while (list.HasMore)
            {
                var ext = Open(ref list, 0x30);
                if (!ObjectIdentifier(ext.Read(F, 0x06, out _))) return false;
                if (ext.HasMore && ext.PeekTag() == 0x01 && ext.Read(F, 0x01, out _).Length != 1) return false;
                ReadString(ref ext, 0x04);
                if (ext.HasMore) return false;
            }
            return true;
        }

        // ANY: OpenSSL keeps SEQUENCE/SET and non-universal values raw, refuses constructed forms of
        // BOOLEAN/INTEGER/NULL/OID/ENUMERATED, gathers other constructed strings (asn1_collect), and converts
        // primitive universal values with their type's rules.
        private static bool Any(int tag, ReadOnlySpan<byte> v)
        {
            if ((tag & 0xC0) != 0 || tag >= DerReader.HighTag || tag == 0x30 || tag == 0x31) return true;
            if ((tag & 0x20) != 0)
            {
                int number = tag & 0x1F;
                // Constructed tag 0: OpenSSL takes it and writes it back as 00 00, end-of-contents, which neither side
                // reads again; refused, so that what decodes re-encodes to bytes that decode (a deliberate difference).
                return number != 0x00 && number != 0x01 && number != 0x02 && number != 0x05 && number != 0x06 && number != 0x0A
                    && UniversalContent(number, DerReader.Gather(v, F, 0));
            }
            if (tag == 0x00 && v.Length == 0) return false;   // 00 00 is end-of-contents inside a definite SEQUENCE
            if (tag == 0x10 || tag == 0x11) return false;     // SEQUENCE and SET must be constructed
            return UniversalContent(tag, v);
        }

        // asn1_ex_c2i: the content rules of a universal type.
        private static bool UniversalContent(int number, ReadOnlySpan<byte> v)
        {
            switch (number)
            {
                case 0x01: return v.Length == 1;
                case 0x02: case 0x0A: return Integer(v);
                case 0x03: return BitString(v);
                case 0x05: return v.Length == 0;
                case 0x06: return ObjectIdentifier(v);
                case 0x1C: return v.Length % 4 == 0;
                case 0x1E: return v.Length % 2 == 0;
                default: return true;
            }
        }

        // X509_NAME_ENTRY value: ASN1_PRINTABLE (universal class; tags in B_ASN1_PRINTABLE), then
        // canonicalised to UTF-8, which refuses bad UTF8String/BMPString/UniversalString contents.
        private static bool NameValue(int tag, ReadOnlySpan<byte> v)
        {
            if ((tag & 0xC0) != 0 || tag >= DerReader.HighTag) return false;
            if ((tag & 0x20) != 0 && tag != 0x30) return tag != 0x31 && NameValue(tag & 0x1F, DerReader.Gather(v, F, 0));
            switch (tag)
            {
                case 0x30: return true; // SEQUENCE is allowed and kept raw
                case 0x03: return BitString(v);
                case 0x07: case 0x08: case 0x09: case 0x0B: case 0x0D: case 0x0E: case 0x0F: case 0x1D:
                case 0x12: case 0x13: case 0x14: case 0x16:
                    return true;
                case 0x0C: return Utf8(v);
                case 0x1C: return Universal(v);
                case 0x1E: return Bmp(v);
                default: return false;
            }
        }

        // c2i_ASN1_INTEGER: not empty, no illegal padding.
        private static bool Integer(ReadOnlySpan<byte> v) =>
            v.Length > 0 && !(v.Length > 1 && ((v[0] == 0x00 && (v[1] & 0x80) == 0) || (v[0] == 0xFF && (v[1] & 0x80) != 0)));

        // ossl_c2i_ASN1_OBJECT: not empty, the last octet ends a sub-identifier, no sub-identifier starts with 0x80.
        private static bool ObjectIdentifier(ReadOnlySpan<byte> v)
        {
            if (v.Length == 0 || (v[v.Length - 1] & 0x80) != 0) return false;
            for (int i = 0; i < v.Length; i++)
                if (v[i] == 0x80 && (i == 0 || (v[i - 1] & 0x80) == 0)) return false;
            return true;
        }

        // ossl_c2i_ASN1_BIT_STRING: at least the unused-bits octet, and it is at most 7.
        private static bool BitString(ReadOnlySpan<byte> v) => v.Length >= 1 && v[0] <= 7;

        private static bool ValidCodePoint(uint c) => c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF);

        private static bool Bmp(ReadOnlySpan<byte> v)
        {
            if (v.Length % 2 != 0) return false;
            for (int i = 0; i < v.Length; i += 2)
                if (!ValidCodePoint((uint)(v[i] << 8 | v[i + 1]))) return false;
            return true;
        }

        private static bool Universal(ReadOnlySpan<byte> v)
        {
            if (v.Length % 4 != 0) return false;
            for (int i = 0; i < v.Length; i += 4)
                if (!ValidCodePoint((uint)v[i] << 24 | (uint)v[i + 1] << 16 | (uint)v[i + 2] << 8 | v[i + 3])) return false;
            return true;
        }

        // UTF8_getc plus is_unicode_valid: well-formed, shortest form, no surrogates, at most U+10FFFF.
        private static bool Utf8(ReadOnlySpan<byte> v)
        {
            int i = 0;
            while (i < v.Length)
            {
                byte b = v[i];
                int n; uint c; uint min;
                if (b < 0x80) { i++; continue; }
                if ((b & 0xE0) == 0xC0) { n = 1; c = (uint)(b & 0x1F); min = 0x80; }
                else if ((b & 0xF0) == 0xE0) { n = 2; c = (uint)(b & 0x0F); min = 0x800; }
                else if ((b & 0xF8) == 0xF0) { n = 3; c = (uint)(b & 0x07); min = 0x10000; }
                else return false;
                if (i + n >= v.Length) return false;
                for (int k = 1; k <= n; k++)
                {
                    byte cb = v[i + k];
                    if ((cb & 0xC0) != 0x80) return false;
                    c = (c << 6) | (uint)(cb & 0x3F);
                }
                if (c < min || !ValidCodePoint(c)) return false;
                i += n + 1;
            }
            return true;
        }
    }
}
