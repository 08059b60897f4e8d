using System;

namespace PSSslSession.Codec
{
    /// <summary>
    /// DER codec for <see cref="SslSession"/>, byte-compatible with OpenSSL 3.0's
    /// <c>i2d_SSL_SESSION</c>/<c>d2i_SSL_SESSION</c>.
    /// </summary>
    /// <remarks>
    /// Where the decoder differs from OpenSSL 3.0's <c>d2i_SSL_SESSION</c>:
    /// <list type="bullet">
    /// <item>Looser by default: [20] peer_rpk (3.2+) is accepted; clear <see cref="SslSessionDecodeOptions.AllowPeerRawPublicKey"/> to refuse it as 3.0 does.</item>
    /// <item>Stricter by default: bytes after the SEQUENCE are refused (TrailingData); d2i leaves them to the caller and
    /// <c>sess_id</c> ignores them. Set <see cref="SslSessionDecodeOptions.AllowTrailingData"/>, or use the overload that reports the bytes consumed.</item>
    /// <item>Stricter: indefinite lengths (BER) and tag numbers below 31 written in the multi-byte form are refused as
    /// Malformed (in the peer certificate: BadPeerCertificate), and so is a constructed tag-0 algorithm parameter, which
    /// OpenSSL writes back as end-of-contents that it cannot read again. The other BER forms OpenSSL's template decoder
    /// tolerates are accepted as it accepts them: long-form lengths with leading zero octets, constructed OCTET STRINGs
    /// (their pieces are gathered, and written back primitive).</item>
    /// <item>Stricter: a negative 64-bit INTEGER longer than 8 bytes is refused (OpenSSL wraps it around).</item>
    /// <item>The peer certificate is checked against the structure and content rules <c>d2i_X509</c> applies (see
    /// <c>Certificates</c>) without building an X509 object; constructed (BER) strings in it are gathered as
    /// <c>asn1_collect</c> gathers them, and the signature is written back primitive as <c>i2d_X509</c> writes it.</item>
    /// <item>Rules OpenSSL enforces silently (oversize id/key/context, unknown cipher) get their own <see cref="SslSessionFormatError"/> values.</item>
    /// </list>
    /// </remarks>
    public static partial class SslSessionCodec
    {
        /// <summary>SSL_SESSION_ASN1_VERSION.</summary>
        public const int AsnVersion = 1;
        /// <summary>TLS13_MAX_RESUMPTION_PSK_LENGTH in 3.0.</summary>
        public const int MaxMasterKeyLength = 512;
        /// <summary>SSL_MAX_SID_CTX_LENGTH.</summary>
        public const int MaxSessionIdContextLength = 32;
    }
}
