using System;

namespace PSSslSession.Client
{
    /// <summary>A connection or handshake to a server failed; <see cref="Reason"/> says how.</summary>
    public sealed class TlsClientException : Exception
    {
        /// <summary>The TLS alert a server sends when it does not speak the offered versions.</summary>
        public const int ProtocolVersionAlert = 70;

        public TlsClientException(TlsClientError reason, string message, Exception? inner = null, bool timedOut = false, int? alertReceived = null)
            : base(message, inner)
        {
            Reason = reason;
            TimedOut = timedOut;
            AlertReceived = alertReceived;
        }

        /// <summary>What failed.</summary>
        public TlsClientError Reason { get; }

        /// <summary>The failure is the per-host time limit running out (connect or handshake).</summary>
        public bool TimedOut { get; }

        /// <summary>The fatal alert the server sent (RFC 8446 §6 AlertDescription), or null.</summary>
        public int? AlertReceived { get; }

        /// <summary>The server refused the offered protocol versions (a protocol_version alert).</summary>
        public bool VersionRefused => AlertReceived == ProtocolVersionAlert;
    }
}
