using System;
using System.Collections.Generic;

namespace PSSslSession.Client
{
    /// <summary>What one handshake offers (see <see cref="ITlsHandshaker"/>).</summary>
    internal sealed class TlsHandshakeRequest
    {
        public string Host { get; set; } = "";

        public int Port { get; set; } = 443;

        /// <summary>"host:port" as messages name the server (<see cref="SslServerTarget"/>'s text).</summary>
        public string Endpoint { get; set; } = "";

        /// <summary>The SNI host name sent, or null to send none.</summary>
        public string? ServerName { get; set; }

        /// <summary>Protocol versions offered (wire numbers: 0x0304, 0x0303), highest first.</summary>
        public IReadOnlyList<int> Versions { get; set; } = new[] { 0x0304, 0x0303 };

        /// <summary>ALPN protocol names offered, in order of preference; empty sends no ALPN extension.</summary>
        public IReadOnlyList<string> Alpn { get; set; } = Array.Empty<string>();

        /// <summary>Offer the TLS 1.2 session ticket extension (RFC 5077): empty to ask for a ticket, or with <see cref="Resume"/>'s ticket.</summary>
        public bool OfferTicket { get; set; }

        /// <summary>The whole connection (name lookup, connect, handshake, close) must finish within this time.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>
        /// Called with the server's chain (DER, leaf first) during the handshake; a non-null answer is the reason to reject it
        /// (the handshake then ends with a bad_certificate alert). Null accepts any chain.
        /// </summary>
        public Func<IReadOnlyList<byte[]>, string?>? CheckCertificate { get; set; }

        /// <summary>A TLS 1.2 session to offer for resumption (by id, or by its ticket when <see cref="OfferTicket"/>), or null.</summary>
        public ResumableSession? Resume { get; set; }
    }
}
