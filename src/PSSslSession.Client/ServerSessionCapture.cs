using System.Collections.Generic;
using PSSslSession.Codec;

namespace PSSslSession.Client
{
    /// <summary>The session a server gave on one full handshake, and what the caller should know about it.</summary>
    public sealed class ServerSessionCapture
    {
        internal ServerSessionCapture(SslServerTarget target, SslSession session, CertificateVerdict certificate, IReadOnlyList<string> notes)
        {
            Target = target;
            Session = session;
            Certificate = certificate;
            Notes = notes;
        }

        public SslServerTarget Target { get; }

        /// <summary>The session, laid out as <c>openssl s_client -sess_out</c> records it.</summary>
        public SslSession Session { get; }

        /// <summary>The verdict on the server's chain (recorded in the session's VerifyResult).</summary>
        public CertificateVerdict Certificate { get; }

        /// <summary>What limits the session (e.g. a TLS 1.3 session without a resumption secret), for warnings.</summary>
        public IReadOnlyList<string> Notes { get; }
    }
}
