using System;
using System.Collections.Generic;

namespace PSSslSession.Client
{
    /// <summary>What one handshake gave (see <see cref="ITlsHandshaker"/>).</summary>
    internal sealed class TlsHandshakeResult
    {
        /// <summary>The negotiated version (wire number).</summary>
        public int Version { get; set; }

        /// <summary>The negotiated cipher suite code.</summary>
        public int CipherSuite { get; set; }

        /// <summary>The session id of the ServerHello (TLS 1.2; empty when the server keeps no session for it).</summary>
        public byte[] SessionId { get; set; } = Array.Empty<byte>();

        /// <summary>The TLS 1.2 master secret (48 bytes); for TLS 1.3 the kept ticket's resumption PSK, or empty.</summary>
        public byte[] MasterSecret { get; set; } = Array.Empty<byte>();

        public bool ExtendedMasterSecret { get; set; }

        /// <summary>The server's chain as sent, DER, leaf first (empty on a TLS 1.2 resumption: no Certificate message).</summary>
        public IReadOnlyList<byte[]> PeerChain { get; set; } = Array.Empty<byte[]>();

        /// <summary>The SNI host name sent when the server acknowledged it, or null (what OpenSSL's client keeps in the session).</summary>
        public string? ServerName { get; set; }

        /// <summary>The ALPN protocol the server selected, or null.</summary>
        public string? Alpn { get; set; }

        /// <summary>The server accepted the offered session (abbreviated handshake).</summary>
        public bool Resumed { get; set; }

        /// <summary>
        /// The ticket the session keeps, or null: TLS 1.2's NewSessionTicket, or the first TLS 1.3 NewSessionTicket when its
        /// resumption PSK could be derived (then <see cref="MasterSecret"/> is that PSK).
        /// </summary>
        public byte[]? Ticket { get; set; }

        /// <summary>The ticket's lifetime (hint) in seconds.</summary>
        public long TicketLifetimeHint { get; set; }

        /// <summary>TLS 1.3: the ticket's ticket_age_add.</summary>
        public long TicketAgeAdd { get; set; }

        /// <summary>TLS 1.3: the ticket's early_data max_early_data_size, or 0.</summary>
        public long MaxEarlyData { get; set; }

        /// <summary>TLS 1.3 NewSessionTicket messages seen before the close.</summary>
        public int Tls13TicketCount { get; set; }

        /// <summary>The first TLS 1.3 ticket's lifetime in seconds.</summary>
        public long Tls13TicketLifetime { get; set; }

        /// <summary>The key exchange group (IANA NamedGroup, e.g. 29 = x25519), or 0.</summary>
        public int KeyExchangeGroup { get; set; }

        /// <summary>When the handshake completed.</summary>
        public DateTimeOffset Completed { get; set; }
    }
}
