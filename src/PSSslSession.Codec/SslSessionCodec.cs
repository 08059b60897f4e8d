using System;

namespace PSSslSession.Codec
{
    /// <summary>Options for <see cref="SslSessionCodec.Decode(ReadOnlySpan{byte}, SslSessionDecodeOptions?)"/>.</summary>
    public sealed class SslSessionDecodeOptions
    {
        public static SslSessionDecodeOptions Default { get; } = new SslSessionDecodeOptions();

        /// <summary>Accept 3.2+ sessions carrying [20] peer_rpk (3.0 rejects them). Default true.</summary>
        public bool AllowPeerRawPublicKey { get; set; } = true;

        /// <summary>Accept bytes after the SEQUENCE (as <c>openssl sess_id -inform DER</c> does). Default false.</summary>
        public bool AllowTrailingData { get; set; }

        /// <summary>"Now" for a session without [1] time; null = the system clock.</summary>
        public DateTimeOffset? Now { get; set; }
    }

    /// <summary>
    /// DER codec for <see cref="SslSession"/>, byte-compatible with OpenSSL 3.0's
    /// <c>i2d_SSL_SESSION</c>/<c>d2i_SSL_SESSION</c>.
    /// </summary>
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
