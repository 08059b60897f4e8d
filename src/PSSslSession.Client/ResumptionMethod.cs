namespace PSSslSession.Client
{
    /// <summary>A way a TLS client offers an earlier session again.</summary>
    public enum ResumptionMethod
    {
        /// <summary>TLS 1.2 (and earlier) session id, the server's session cache (tickets not offered).</summary>
        SessionId,

        /// <summary>TLS 1.2 RFC 5077 session ticket (the session state held by the client, sealed by the server).</summary>
        Ticket,

        /// <summary>TLS 1.3 pre-shared key from a NewSessionTicket (RFC 8446 §2.2).</summary>
        Tls13Ticket,
    }
}
