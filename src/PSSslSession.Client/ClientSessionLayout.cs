using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using PSSslSession.Codec;

namespace PSSslSession.Client
{
    /// <summary>
    /// Lays a handshake's outcome out as the session OpenSSL 3.0 keeps on the client side (what <c>openssl s_client
    /// -sess_out</c> writes), so the file resumes with <c>openssl s_client -sess_in</c>.
    /// </summary>
    internal static class ClientSessionLayout
    {
        /// <summary>A client SSL_CTX's default session timeout (<c>tls1_default_timeout</c>: 2 hours).</summary>
        public const long DefaultTimeoutSeconds = 7200;

        public static SslSession Build(TlsHandshakeResult result, CertificateVerdict verdict, byte[]? peerCertificate = null)
        {
            var cipher = CipherSuites.FromCode((ushort)result.CipherSuite)
                ?? throw new TlsClientException(TlsClientError.HandshakeFailed, $"The server chose cipher suite 0x{result.CipherSuite:X4}, which this module does not know.");
            var builder = new SslSessionBuilder
            {
                Protocol = new SslProtocol(result.Version),
                Cipher = cipher,
                // OpenSSL's client names a ticket session by the ticket's SHA-256 (tls_process_new_session_ticket), and the
                // server echoes that id when it accepts the ticket.
                SessionId = result.Ticket != null ? Sha256(result.Ticket) : result.SessionId,
                MasterKey = result.MasterSecret,
                StartTimeUnixSeconds = result.Completed.ToUnixTimeSeconds(),
                // Also for TLS 1.3: OpenSSL 3.0's client keeps its context's timeout and records the ticket's lifetime apart.
                TimeoutSeconds = DefaultTimeoutSeconds,
                PeerCertificate = result.PeerChain.FirstOrDefault() ?? peerCertificate,
                VerifyResult = verdict.VerifyResult,
                ServerName = result.ServerName,
                Alpn = result.Alpn == null ? null : Encoding.ASCII.GetBytes(result.Alpn),
                Ticket = result.Ticket,
                TicketLifetimeHintSeconds = result.Ticket != null ? (ulong)Math.Max(0, result.TicketLifetimeHint) : 0,
                TicketAgeAdd = (uint)result.TicketAgeAdd,
                MaxEarlyData = (uint)result.MaxEarlyData,
                // TLS 1.3 has no extended master secret extension: OpenSSL never sets the flag on its sessions.
                ExtendedMasterSecret = result.Version != SslProtocol.Tls13 && result.ExtendedMasterSecret,
                KeyExchangeGroupId = (uint)Math.Max(0, result.KeyExchangeGroup),
                // No max_fragment_length was negotiated: OpenSSL keeps 0 (disabled) and writes no [17] field.
                MaxFragmentLength = 0,
            };
            return builder.Build(result.Completed);
        }

        /// <summary>The parts needed to offer <paramref name="session"/> again (TLS 1.2 only).</summary>
        public static ResumableSession Resumable(SslSession session) => new ResumableSession
        {
            SessionId = session.GetSessionId().ToArray(),
            MasterSecret = session.MasterKey.ToArray(),
            CipherSuite = session.GetCipher().Code,
            ExtendedMasterSecret = session.ExtendedMasterSecret,
            Ticket = session.GetTicket(),
            PeerCertificate = session.GetPeerCertificateBytes(),
        };

        public static byte[] Sha256(byte[] data)
        {
            using (var sha = SHA256.Create()) return sha.ComputeHash(data);
        }
    }
}
