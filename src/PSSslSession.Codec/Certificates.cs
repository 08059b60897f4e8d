using System;

namespace PSSslSession.Codec
{
    /// <summary>
    /// Structural check of a DER X.509 <c>Certificate</c> (what <c>d2i_X509</c> needs to find), without
    /// building an <c>X509Certificate2</c>: the session keeps the bytes and parses them lazily.
    /// </summary>
    internal static class Certificates
    {
        public static bool IsWellFormed(byte[] der) => IsWellFormed((ReadOnlySpan<byte>)der);

        /// <summary>
        /// SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber INTEGER, signature SEQUENCE,
        /// issuer SEQUENCE, validity SEQUENCE, subject SEQUENCE, subjectPublicKeyInfo SEQUENCE, well-formed
        /// elements… }, signatureAlgorithm SEQUENCE, signatureValue BIT STRING } and nothing after it.
        /// </summary>
        public static bool IsWellFormed(ReadOnlySpan<byte> der)
        {
            try
            {
                var outer = new DerReader(der, 0);
                var cert = new DerReader(outer.Read("certificate", 0x30, out _), 0);
                if (outer.HasMore) return false;

                var tbs = new DerReader(cert.Read("tbsCertificate", 0x30, out _), 0);
                if (tbs.HasMore && tbs.PeekTag() == 0xA0) tbs.Read("version", 0xA0, out _);
                if (tbs.Read("serialNumber", 0x02, out _).Length == 0) return false;
                tbs.Read("signature", 0x30, out _);
                tbs.Read("issuer", 0x30, out _);
                tbs.Read("validity", 0x30, out _);
                tbs.Read("subject", 0x30, out _);
                tbs.Read("subjectPublicKeyInfo", 0x30, out _);
                while (tbs.HasMore) tbs.Read("tbsCertificate extension", out _, out _);

                cert.Read("signatureAlgorithm", 0x30, out _);
                if (cert.Read("signatureValue", 0x03, out _).Length == 0) return false;
                return !cert.HasMore;
            }
            catch (SslSessionFormatException)
            {
                return false;
            }
        }
    }
}
