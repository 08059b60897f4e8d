namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>The kinds of real session the tests obtain from openssl (the same as samples/make-samples.sh).</summary>
public enum SessionKind
{
    /// <summary>TLS 1.2, no ticket, so resumption goes by session id; RSA certificate; ALPN h2.</summary>
    Tls12SessionId,
    /// <summary>TLS 1.2 with a session ticket.</summary>
    Tls12Ticket,
    /// <summary>TLS 1.3 session from a NewSessionTicket (resumption PSK, age_add); ALPN http/1.1.</summary>
    Tls13Ticket,
    /// <summary>TLS 1.2 ECDHE-ECDSA suite: ECDSA P-256 peer certificate.</summary>
    Tls12Ecdsa,
}
