using System;

namespace PSSslSession.Client
{
    /// <summary>The parts of a TLS 1.2 session a client needs to offer it again.</summary>
    internal sealed class ResumableSession
    {
        public byte[] SessionId { get; set; } = Array.Empty<byte>();

        public byte[] MasterSecret { get; set; } = Array.Empty<byte>();

        /// <summary>The cipher suite code (two bytes); it is offered first so the session can be resumed.</summary>
        public int CipherSuite { get; set; }

        public bool ExtendedMasterSecret { get; set; }

        /// <summary>The RFC 5077 ticket, or null.</summary>
        public byte[]? Ticket { get; set; }

        /// <summary>The server's certificate (DER) when the session holds one.</summary>
        public byte[]? PeerCertificate { get; set; }
    }
}
