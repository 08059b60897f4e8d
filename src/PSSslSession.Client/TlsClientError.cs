namespace PSSslSession.Client
{
    /// <summary>Why a connection to a server did not give an answer.</summary>
    public enum TlsClientError
    {
        /// <summary>The name did not resolve, the connection was refused, or no address answered in time.</summary>
        HostUnreachable,

        /// <summary>The TCP connection opened but the TLS handshake failed: an alert, a protocol error, the connection closed, or no answer in time.</summary>
        HandshakeFailed,

        /// <summary>The server's certificate chain is not trusted or does not name the host.</summary>
        CertificateRejected,

        /// <summary>The caller stopped the operation.</summary>
        Canceled,

        /// <summary>The TLS client could not be loaded.</summary>
        ClientUnavailable,
    }
}
