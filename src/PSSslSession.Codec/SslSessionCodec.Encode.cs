using System;

namespace PSSslSession.Codec
{
    public static partial class SslSessionCodec
    {
        /// <summary>
        /// <c>i2d_SSL_SESSION</c>: the session's DER, byte for byte what OpenSSL 3.0 writes. Fields go in
        /// the fixed order; session_id, master_key, [4] sid_ctx and [19] kex_group are always written;
        /// Z-fields that are 0 are left out; [0] key_arg is never written; [20] peer_rpk only when present (3.2+).
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="session"/> is null.</exception>
        public static byte[] Encode(SslSession session)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            int body = BodySize(session);
            var result = new byte[DerWriter.TlvSize(body)];
            var w = new DerWriter(result);
            w.Header(0x30, body);
            WriteBody(ref w, session);
            return result;
        }

        /// <summary>
        /// The length of <see cref="Encode"/>'s result without encoding (<c>i2d_SSL_SESSION</c> with a NULL buffer):
        /// arithmetic over the fields, cheap enough for every cache add.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="session"/> is null.</exception>
        public static int EncodedLength(SslSession session)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            return DerWriter.TlvSize(BodySize(session));
        }

        private static int Explicit(int innerTlv) => DerWriter.TlvSize(innerTlv);
        private static int OctetsTlv(int length) => DerWriter.TlvSize(length);
        private static int SignedTlv(long v) => DerWriter.TlvSize(DerWriter.SignedContentSize(v));
        private static int UnsignedTlv(ulong v) => DerWriter.TlvSize(DerWriter.UnsignedContentSize(v));

        private static int BodySize(SslSession s)
        {
            int n = UnsignedTlv(AsnVersion) + SignedTlv(s.ProtocolNumber) + OctetsTlv(2)
                  + OctetsTlv(s.Id.Length) + OctetsTlv(s.Key.Length);
            if (s.TimeSeconds != 0) n += Explicit(SignedTlv(s.TimeSeconds));
            if (s.TimeoutSecondsRaw != 0) n += Explicit(SignedTlv(s.TimeoutSecondsRaw));
            if (s.PeerCertificateDer != null) n += Explicit(s.PeerCertificateDer.Length);
            n += Explicit(OctetsTlv(s.SidCtx.Length));
            if (s.Verify != 0) n += Explicit(SignedTlv(s.Verify));
            if (s.Hostname != null) n += Explicit(OctetsTlv(s.Hostname.Length));
            if (s.PskHint != null) n += Explicit(OctetsTlv(s.PskHint.Length));
            if (s.PskId != null) n += Explicit(OctetsTlv(s.PskId.Length));
            if (s.LifetimeHint != 0) n += Explicit(UnsignedTlv(s.LifetimeHint));
            if (s.TicketBytes != null) n += Explicit(OctetsTlv(s.TicketBytes.Length));
            if (s.CompressionMethod != 0) n += Explicit(OctetsTlv(1));
            if (s.Srp != null) n += Explicit(OctetsTlv(s.Srp.Length));
            if (s.FlagBits != 0) n += Explicit(UnsignedTlv(s.FlagBits));
            if (s.AgeAdd != 0) n += Explicit(UnsignedTlv(s.AgeAdd));
            if (s.EarlyData != 0) n += Explicit(UnsignedTlv(s.EarlyData));
            if (s.AlpnBytes != null) n += Explicit(OctetsTlv(s.AlpnBytes.Length));
            if (s.MaxFragmentMode != 0) n += Explicit(UnsignedTlv(s.MaxFragmentMode));
            if (s.AppData != null) n += Explicit(OctetsTlv(s.AppData.Length));
            n += Explicit(UnsignedTlv(s.GroupId));
            if (s.PeerRpkDer != null) n += Explicit(OctetsTlv(s.PeerRpkDer.Length));
            return n;
        }

        private static void WriteBody(ref DerWriter w, SslSession s)
        {
            w.Unsigned(AsnVersion);
            w.Signed(s.ProtocolNumber);
            w.Header(0x04, 2);
            Span<byte> code = stackalloc byte[2];
            code[0] = (byte)(s.CipherSuite.Code >> 8);
            code[1] = (byte)s.CipherSuite.Code;
            w.Bytes(code);
            w.OctetString(s.Id.Span);
            w.OctetString(s.Key.Span);
            if (s.TimeSeconds != 0) ExplicitSigned(ref w, 0xA1, s.TimeSeconds);
            if (s.TimeoutSecondsRaw != 0) ExplicitSigned(ref w, 0xA2, s.TimeoutSecondsRaw);
            if (s.PeerCertificateDer != null)
            {
                w.Header(0xA3, s.PeerCertificateDer.Length);
                w.Bytes(s.PeerCertificateDer);
            }
            ExplicitOctets(ref w, 0xA4, s.SidCtx);
            if (s.Verify != 0) ExplicitSigned(ref w, 0xA5, s.Verify);
            if (s.Hostname != null) ExplicitOctets(ref w, 0xA6, s.Hostname);
            if (s.PskHint != null) ExplicitOctets(ref w, 0xA7, s.PskHint);
            if (s.PskId != null) ExplicitOctets(ref w, 0xA8, s.PskId);
            if (s.LifetimeHint != 0) ExplicitUnsigned(ref w, 0xA9, s.LifetimeHint);
            if (s.TicketBytes != null) ExplicitOctets(ref w, 0xAA, s.TicketBytes);
            if (s.CompressionMethod != 0)
            {
                w.Header(0xAB, 3);
                w.Header(0x04, 1);
                w.Bytes(stackalloc byte[] { s.CompressionMethod });
            }
            if (s.Srp != null) ExplicitOctets(ref w, 0xAC, s.Srp);
            if (s.FlagBits != 0) ExplicitUnsigned(ref w, 0xAD, s.FlagBits);
            if (s.AgeAdd != 0) ExplicitUnsigned(ref w, 0xAE, s.AgeAdd);
            if (s.EarlyData != 0) ExplicitUnsigned(ref w, 0xAF, s.EarlyData);
            if (s.AlpnBytes != null) ExplicitOctets(ref w, 0xB0, s.AlpnBytes);
            if (s.MaxFragmentMode != 0) ExplicitUnsigned(ref w, 0xB1, s.MaxFragmentMode);
            if (s.AppData != null) ExplicitOctets(ref w, 0xB2, s.AppData);
            ExplicitUnsigned(ref w, 0xB3, s.GroupId);
            if (s.PeerRpkDer != null) ExplicitOctets(ref w, 0xB4, s.PeerRpkDer);
        }

        private static void ExplicitSigned(ref DerWriter w, byte tag, long value)
        {
            w.Header(tag, SignedTlv(value));
            w.Signed(value);
        }

        private static void ExplicitUnsigned(ref DerWriter w, byte tag, ulong value)
        {
            w.Header(tag, UnsignedTlv(value));
            w.Unsigned(value);
        }

        private static void ExplicitOctets(ref DerWriter w, byte tag, byte[] bytes)
        {
            w.Header(tag, OctetsTlv(bytes.Length));
            w.OctetString(bytes);
        }
    }
}
