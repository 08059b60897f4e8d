using System;
using System.Collections.Generic;
using System.Threading;
using PSSslSession.Codec;

namespace PSSslSession.Client
{
    /// <summary>
    /// Talks to a live server as a TLS client: captures the session a full handshake gives
    /// (<see cref="Capture"/>, as <c>openssl s_client -sess_out</c>) and tests resumption by session id, RFC 5077 ticket and
    /// TLS 1.3 ticket (<see cref="TestResumption(SslServerTarget, ResumptionMethod, CancellationToken)"/> for each of
    /// <see cref="MethodsFor"/>, as <c>openssl s_client -reconnect</c>). Every failure is a <see cref="TlsClientException"/>.
    /// <para>The TLS client is BouncyCastle 2.7.0: it resumes TLS 1.2 sessions (by id and by ticket) but cannot offer a TLS 1.3
    /// pre-shared key (its binder is always an external one), so TLS 1.3 resumption is reported, not tried. A captured TLS 1.3
    /// session does hold the first ticket's resumption PSK, derived here from the handshake (BouncyCastle keeps none), so it
    /// resumes with <c>openssl s_client -sess_in</c>.</para>
    /// </summary>
    public sealed class SslServerProbe
    {
        /// <summary>The note of a TLS 1.3 capture from a server that issued no ticket.</summary>
        public const string Tls13NoTicket =
            "The server issued no TLS 1.3 ticket, so the TLS 1.3 session cannot be resumed; its protocol, cipher, certificate, server name and ALPN are as the server gave them.";

        /// <summary>The note of a TLS 1.3 capture whose ticket's PSK could not be derived (a TLS client other than the one tested).</summary>
        public const string Tls13NoResumptionSecret =
            "The TLS 1.3 session holds no resumption secret: the TLS client did not expose its handshake transcript, so the ticket's PSK could not be derived and the session cannot be resumed.";

        private readonly ITlsHandshaker _handshaker;

        internal SslServerProbe(ITlsHandshaker handshaker)
        {
            _handshaker = handshaker;
        }

        /// <summary>A probe over the module's TLS client (loaded on first use).</summary>
        /// <exception cref="TlsClientException"><see cref="TlsClientError.ClientUnavailable"/> when it cannot be loaded.</exception>
        public static SslServerProbe Create() => new SslServerProbe(TlsHandshakerLoader.Default);

        /// <summary>
        /// One full handshake; the session as <c>openssl s_client -sess_out</c> records it. <paramref name="protocol"/> null offers
        /// TLS 1.3 and 1.2; <paramref name="noTicket"/> does not ask for a TLS 1.2 ticket (the session then resumes by id).
        /// </summary>
        public ServerSessionCapture Capture(SslServerTarget target, SslProtocol? protocol, bool noTicket, IReadOnlyList<string>? alpn, CancellationToken cancel)
        {
            var (request, chainCheck) = Request(target, protocol);
            request.OfferTicket = !noTicket;
            request.Alpn = alpn ?? Array.Empty<string>();
            var result = _handshaker.Handshake(request, cancel);
            var notes = new List<string>();
            if (result.Version == SslProtocol.Tls13 && result.Ticket == null)
                notes.Add(result.Tls13TicketCount == 0 ? Tls13NoTicket : Tls13NoResumptionSecret);
            else if (result.Ticket == null && result.SessionId.Length == 0)
                notes.Add("The server issued neither a session id nor a ticket: the session cannot be resumed.");
            return new ServerSessionCapture(target, ClientSessionLayout.Build(result, chainCheck.Verdict), chainCheck.Verdict, notes);
        }

        /// <summary>The methods a protocol allows, in test order (null: all three): SessionId and Ticket for TLS 1.2, Tls13Ticket for TLS 1.3.</summary>
        public static IReadOnlyList<ResumptionMethod> MethodsFor(SslProtocol? protocol)
        {
            var methods = new List<ResumptionMethod>();
            if (protocol == null || protocol.Value.Number == SslProtocol.Tls12)
            {
                methods.Add(ResumptionMethod.SessionId);
                methods.Add(ResumptionMethod.Ticket);
            }
            if (protocol == null || protocol.Value.IsTls13) methods.Add(ResumptionMethod.Tls13Ticket);
            return methods;
        }

        /// <summary>
        /// Connects, then reconnects offering what the first connection gave, the way <paramref name="method"/> offers it.
        /// A server that refuses the method's protocol version is reported as not resumed; any other failure is thrown.
        /// </summary>
        public SslResumptionResult TestResumption(SslServerTarget target, ResumptionMethod method, CancellationToken cancel) =>
            method == ResumptionMethod.Tls13Ticket ? Tls13Tickets(target, cancel) : Reconnect(target, method, cancel);

        /// <summary>
        /// Offers <paramref name="session"/> (from a file, a store, or <see cref="Capture"/>) once: by its ticket when it holds one,
        /// else by its id. A TLS 1.3 session cannot be offered (see the class remarks).
        /// </summary>
        /// <exception cref="ArgumentException">The session holds no master key or no id or ticket, or is not TLS 1.2/1.3.</exception>
        public SslResumptionResult TestResumption(SslServerTarget target, SslSession session, CancellationToken cancel)
        {
            if (session == null) throw new ArgumentNullException(nameof(session));
            if (session.GetProtocol().IsTls13)
                return new SslResumptionResult(target, ResumptionMethod.Tls13Ticket)
                {
                    Supported = false,
                    Protocol = session.Protocol,
                    Cipher = session.Cipher,
                    Session = session,
                    ServerSaid = "not tried: the TLS client (BouncyCastle 2.7.0) cannot offer a TLS 1.3 session (pre-shared key)",
                };
            if (session.ProtocolVersion != SslProtocol.Tls12)
                throw new ArgumentException($"Session {session.SessionId} is {session.Protocol}; only TLS 1.2 sessions can be offered (and TLS 1.3 reported).");
            if (session.MasterKey.IsEmpty)
                throw new ArgumentException($"Session {session.SessionId} holds no master key, so it cannot be offered.");
            if (!session.HasTicket && session.GetSessionId().IsEmpty)
                throw new ArgumentException("The session has neither an id nor a ticket, so there is nothing to offer.");
            if (!target.SkipCertificateCheck) CheckSessionCertificate(target, session);
            var method = session.HasTicket ? ResumptionMethod.Ticket : ResumptionMethod.SessionId;
            return Offer(target, method, session, cancel);
        }

        /// <summary>
        /// A resumed handshake sends no certificate, so a given session's own server certificate is checked before it is offered
        /// (the chain it came with is not kept: only the leaf, against the machine's trust store and the host name).
        /// </summary>
        private static void CheckSessionCertificate(SslServerTarget target, SslSession session)
        {
            var certificate = session.GetPeerCertificateBytes();
            var verdict = certificate == null
                ? new CertificateVerdict(ServerCertificateCheck.Unspecified, "the session holds no server certificate to check")
                : ServerCertificateCheck.Check(new[] { certificate }, target.CertificateName);
            if (!verdict.IsTrusted)
                throw new TlsClientException(TlsClientError.CertificateRejected,
                    $"Session {session.SessionId} was not offered to {target}: {verdict.Problem}. A resumed handshake sends no certificate, so the session's own is checked; -SkipCertificateCheck offers it anyway.");
        }

        private SslResumptionResult Reconnect(SslServerTarget target, ResumptionMethod method, CancellationToken cancel)
        {
            var ticket = method == ResumptionMethod.Ticket;
            var (request, chainCheck) = Request(target, SslProtocol.TLSv12);
            request.OfferTicket = ticket;
            TlsHandshakeResult first;
            try
            {
                first = _handshaker.Handshake(request, cancel);
            }
            catch (TlsClientException e) when (e.VersionRefused)
            {
                return NotSpoken(target, method, null);
            }
            var session = ClientSessionLayout.Build(first, chainCheck.Verdict);
            var result = new SslResumptionResult(target, method)
            {
                Protocol = session.Protocol,
                Cipher = session.Cipher,
                Session = session,
                SessionId = session.SessionId,
            };
            if (ticket && first.Ticket == null)
            {
                result.Resumed = false;
                result.ServerSaid = "no ticket issued";
                return result;
            }
            if (!ticket && first.SessionId.Length == 0)
            {
                result.Resumed = false;
                result.ServerSaid = "no session id issued (the server caches no session for it)";
                return result;
            }
            return Offer(target, method, session, cancel);
        }

        private SslResumptionResult Offer(SslServerTarget target, ResumptionMethod method, SslSession session, CancellationToken cancel)
        {
            var (request, _) = Request(target, SslProtocol.TLSv12);
            request.OfferTicket = method == ResumptionMethod.Ticket;
            request.Resume = ClientSessionLayout.Resumable(session);
            TlsHandshakeResult second;
            try
            {
                second = _handshaker.Handshake(request, cancel);
            }
            catch (TlsClientException e) when (e.VersionRefused)
            {
                return NotSpoken(target, method, session);
            }
            var result = new SslResumptionResult(target, method)
            {
                Resumed = second.Resumed,
                Protocol = SslProtocol.NameOf(second.Version),
                Cipher = CipherSuites.FromCode((ushort)second.CipherSuite)?.Name,
                Session = session,
                OfferedSessionId = session.SessionId,
                SessionId = new SessionId(second.SessionId).ToString(),
            };
            var offered = method == ResumptionMethod.Ticket ? "the ticket" : "the session id";
            if (second.Resumed) result.ServerSaid = $"resumed {offered}" + (second.Ticket != null ? " and issued a new ticket" : "");
            else if (second.Ticket != null) result.ServerSaid = $"full handshake: {offered} was not accepted; a new ticket was issued";
            else if (second.SessionId.Length == 0) result.ServerSaid = $"full handshake: {offered} was not accepted; no session id issued";
            else result.ServerSaid = $"full handshake: {offered} was not accepted; a new session id was issued";
            return result;
        }

        private SslResumptionResult Tls13Tickets(SslServerTarget target, CancellationToken cancel)
        {
            var result = new SslResumptionResult(target, ResumptionMethod.Tls13Ticket);
            var (request, chainCheck) = Request(target, SslProtocol.TLSv13);
            TlsHandshakeResult handshake;
            try
            {
                handshake = _handshaker.Handshake(request, cancel);
            }
            catch (TlsClientException e) when (e.VersionRefused)
            {
                return NotSpoken(target, ResumptionMethod.Tls13Ticket, null);
            }
            result.Protocol = SslProtocol.NameOf(handshake.Version);
            result.Cipher = CipherSuites.FromCode((ushort)handshake.CipherSuite)?.Name;
            if (handshake.Tls13TicketCount == 0)
            {
                // Without a ticket there is nothing a client could offer: no resumption, whatever the client.
                result.Resumed = false;
                result.ServerSaid = "no TLS 1.3 ticket issued";
                return result;
            }
            result.Supported = false;
            result.ServerSaid = $"{handshake.Tls13TicketCount} TLS 1.3 ticket(s) issued (lifetime {handshake.Tls13TicketLifetime} s); not tried: the client cannot offer a TLS 1.3 PSK (BouncyCastle 2.7.0)";
            if (handshake.Ticket != null) result.Session = ClientSessionLayout.Build(handshake, chainCheck.Verdict);
            return result;
        }

        /// <summary>A method whose protocol version the server refuses: it cannot resume that way.</summary>
        private static SslResumptionResult NotSpoken(SslServerTarget target, ResumptionMethod method, SslSession? offered) =>
            new SslResumptionResult(target, method)
            {
                Resumed = false,
                Session = offered,
                OfferedSessionId = offered?.SessionId,
                ServerSaid = method == ResumptionMethod.Tls13Ticket ? "the server does not speak TLS 1.3" : "the server does not speak TLS 1.2",
            };

        /// <summary>A request for <paramref name="target"/>, and the check its handshake runs on the server's chain (run once per connection).</summary>
        private static (TlsHandshakeRequest, ChainCheck) Request(SslServerTarget target, SslProtocol? protocol)
        {
            var check = new ChainCheck(target);
            return (new TlsHandshakeRequest
            {
                Host = target.ComputerName,
                Endpoint = target.ToString(),
                Port = target.Port,
                ServerName = target.SniName,
                Versions = protocol == null ? new[] { SslProtocol.Tls13, SslProtocol.Tls12 }
                    : protocol.Value.IsTls13 ? new[] { SslProtocol.Tls13 }
                    : protocol.Value.Number == SslProtocol.Tls12 ? new[] { SslProtocol.Tls12 }
                    : throw new ArgumentException($"{protocol.Value.Name} is not offered: TLSv1.2 or TLSv1.3.", nameof(protocol)),
                Timeout = target.Timeout,
                CheckCertificate = check.Check,
            }, check);
        }

        /// <summary>
        /// Checks the chain a handshake receives and keeps the verdict for the session's VerifyResult; refuses it (the
        /// handshake ends) unless the target skips the check. A resumed handshake receives no chain: the verdict stays
        /// "not checked".
        /// </summary>
        private sealed class ChainCheck
        {
            private readonly SslServerTarget _target;

            public ChainCheck(SslServerTarget target) { _target = target; }

            public CertificateVerdict Verdict { get; private set; } = new CertificateVerdict(ServerCertificateCheck.Unspecified, "no certificate was checked");

            public string? Check(IReadOnlyList<byte[]> chain)
            {
                Verdict = ServerCertificateCheck.Check(chain, _target.CertificateName);
                return _target.SkipCertificateCheck ? null : Verdict.Problem;
            }
        }
    }
}
