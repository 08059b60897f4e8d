using System;

namespace PSSslSession.Codec
{
    /// <summary>Options for <see cref="SslSessionCodec.Decode(ReadOnlySpan{byte}, SslSessionDecodeOptions?)"/>.</summary>
    public sealed class SslSessionDecodeOptions
    {
        /// <summary>OpenSSL 3.0's behaviour plus [20] accepted; trailing bytes refused; the system clock.</summary>
        public static SslSessionDecodeOptions Default { get; } = new SslSessionDecodeOptions();

        /// <summary>Accept 3.2+ sessions carrying [20] peer_rpk (3.0 rejects them). Default true.</summary>
        public bool AllowPeerRawPublicKey { get; set; } = true;

        /// <summary>Accept bytes after the SEQUENCE (as <c>openssl sess_id -inform DER</c> does). Default false.</summary>
        public bool AllowTrailingData { get; set; }

        /// <summary>"Now" for a session without [1] time; null = the system clock.</summary>
        public DateTimeOffset? Now { get; set; }
    }
}
