using PSSslSession.Codec;

namespace PSSslSession.Client
{
    /// <summary>
    /// Whether a server resumed a session offered one way (<see cref="Method"/>): the outcome of connecting, then connecting
    /// again offering the session the first connection gave (or a given session), as <c>openssl s_client -reconnect</c> does.
    /// </summary>
    public sealed class SslResumptionResult
    {
        internal SslResumptionResult(SslServerTarget target, ResumptionMethod method)
        {
            ComputerName = target.ComputerName;
            Port = target.Port;
            ServerName = target.SniName;
            Method = method;
        }

        public string ComputerName { get; }

        public int Port { get; }

        /// <summary>The SNI host name sent, or null.</summary>
        public string? ServerName { get; }

        public ResumptionMethod Method { get; }

        /// <summary>
        /// True: the server resumed the offered session (abbreviated handshake). False: it did a full handshake, or gave nothing
        /// to resume. Null: the client cannot try this method (<see cref="Supported"/> is false).
        /// </summary>
        public bool? Resumed { get; internal set; }

        /// <summary>False when the TLS client cannot offer a session this way (TLS 1.3 tickets with BouncyCastle 2.7.0).</summary>
        public bool Supported { get; internal set; } = true;

        /// <summary>The protocol of the (last) connection, e.g. "TLSv1.2".</summary>
        public string? Protocol { get; internal set; }

        /// <summary>The cipher suite of the (last) connection, OpenSSL's name.</summary>
        public string? Cipher { get; internal set; }

        /// <summary>What the server did, in words: e.g. "resumed session 5A…", "no ticket issued", "full handshake, new session id …".</summary>
        public string ServerSaid { get; internal set; } = "";

        /// <summary>The session id offered on the reconnect (hex), or null when nothing was offered.</summary>
        public string? OfferedSessionId { get; internal set; }

        /// <summary>The session id of the reconnect's ServerHello (hex; empty when the server sent none).</summary>
        public string? SessionId { get; internal set; }

        /// <summary>The session that was offered (from the first connection, or the one given).</summary>
        public SslSession? Session { get; internal set; }

        public override string ToString() => $"{ComputerName}:{Port} {Method} {(Resumed.HasValue ? (Resumed.Value ? "resumed" : "not resumed") : "not tried")}";
    }
}
