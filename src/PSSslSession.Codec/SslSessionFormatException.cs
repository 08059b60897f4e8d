using System;

namespace PSSslSession.Codec
{
    /// <summary>The one exception type of the codec; <see cref="Reason"/> says which rule was broken.</summary>
    public sealed class SslSessionFormatException : FormatException
    {
        /// <summary>Creates the exception for a broken rule.</summary>
        public SslSessionFormatException(SslSessionFormatError reason, string message, Exception? inner = null)
            : base(message, inner)
        {
            Reason = reason;
        }

        /// <summary>The broken rule.</summary>
        public SslSessionFormatError Reason { get; }

        /// <summary>Byte offset in the input where the problem was found, when known.</summary>
        public long? Offset { get; set; }
    }
}
