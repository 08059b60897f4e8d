using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;

namespace PSSslSession.Client.BouncyCastle
{
    /// <summary>
    /// The BouncyCastle client of one handshake: offers what the request asks and records what the session needs. Everything
    /// is read in <see cref="NotifyHandshakeComplete"/>: once Connect returns, BouncyCastle clears the session id, master
    /// secret and server names from its security parameters.
    /// </summary>
    internal sealed class CapturingClient : DefaultTlsClient
    {
        private readonly TlsHandshakeRequest _request;
        private readonly TlsSession? _toResume;
        private readonly List<byte[]> _chain = new List<byte[]>();
        private readonly GroupRecordingKeyExchangeFactory _keyExchanges = new GroupRecordingKeyExchangeFactory();

        public CapturingClient(TlsCrypto crypto, TlsHandshakeRequest request) : base(crypto)
        {
            _request = request;
            var resume = request.Resume;
            if (resume != null && resume.MasterSecret.Length > 0)
            {
                var parameters = new SessionParameters.Builder()
                    .SetCipherSuite(resume.CipherSuite)
                    .SetNegotiatedVersion(ProtocolVersion.TLSv12)
                    .SetMasterSecret(crypto.CreateSecret(resume.MasterSecret))
                    .SetExtendedMasterSecret(resume.ExtendedMasterSecret);
                if (resume.PeerCertificate != null)
                    parameters.SetPeerCertificate(new Certificate(new[] { crypto.CreateCertificate(resume.PeerCertificate) }));
                _toResume = TlsUtilities.ImportSession(resume.SessionId, parameters.Build());
            }
        }

        /// <summary>The protocol running this client (set by the handshaker): its transcript gives the TLS 1.3 resumption secret.</summary>
        public RecordingClientProtocol? Protocol { get; set; }

        private TlsSecret? _resumptionMasterSecret;
        private int _prfHash, _prfLength;

        /// <summary>Set when the handshake completed.</summary>
        public TlsHandshakeResult? Result { get; private set; }

        /// <summary>Why the certificate check rejected the chain, or null.</summary>
        public string? CertificateProblem { get; private set; }

        /// <summary>The fatal alert the server sent, or null.</summary>
        public short? AlertReceived { get; private set; }

        public NewSessionTicket? Ticket { get; private set; }

        /// <summary>A ServerHello arrived: the peer speaks TLS.</summary>
        public bool ServerAnswered { get; private set; }

        /// <summary>The server answered the SNI extension (an empty server_name in its hello or encrypted extensions).</summary>
        public bool ServerNameAcknowledged { get; private set; }

        protected override ProtocolVersion[] GetSupportedVersions() =>
            _request.Versions.Select(v => v == 0x0304 ? ProtocolVersion.TLSv13 : ProtocolVersion.TLSv12).ToArray();

        protected override int[] GetSupportedCipherSuites() => CipherSuiteOrder.For(Crypto, _request.Resume?.CipherSuite ?? 0);

        public override TlsSession? GetSessionToResume() => _toResume;

        // A session made without extended master secret (an older file) may still be offered; the server decides.
        public override bool AllowLegacyResumption() => _request.Resume != null && !_request.Resume.ExtendedMasterSecret;

        protected override IList<ProtocolName>? GetProtocolNames() =>
            _request.Alpn.Count == 0 ? null : _request.Alpn.Select(ProtocolName.AsUtf8Encoding).ToList();

        protected override IList<ServerName>? GetSniServerNames() =>
            _request.ServerName == null ? null : new List<ServerName> { new ServerName(NameType.host_name, Encoding.ASCII.GetBytes(_request.ServerName)) };

        public override IDictionary<int, byte[]> GetClientExtensions()
        {
            var extensions = base.GetClientExtensions();
            // BouncyCastle never asks for RFC 5077 tickets itself: an empty extension asks, the ticket offers it.
            if (_request.OfferTicket) extensions[ExtensionType.session_ticket] = _request.Resume?.Ticket ?? Array.Empty<byte>();
            return extensions;
        }

        public override void NotifyServerVersion(ProtocolVersion serverVersion)
        {
            ServerAnswered = true;
            base.NotifyServerVersion(serverVersion);
        }

        public override void ProcessServerExtensions(IDictionary<int, byte[]> serverExtensions)
        {
            base.ProcessServerExtensions(serverExtensions);
            if (serverExtensions != null && serverExtensions.ContainsKey(ExtensionType.server_name)) ServerNameAcknowledged = true;
        }

        public override void NotifyNewSessionTicket(NewSessionTicket newSessionTicket) => Ticket = newSessionTicket;

        public override void NotifyAlertReceived(short alertLevel, short alertDescription)
        {
            if (alertLevel == AlertLevel.fatal) AlertReceived = alertDescription;
            base.NotifyAlertReceived(alertLevel, alertDescription);
        }

        public override TlsKeyExchangeFactory GetKeyExchangeFactory() => _keyExchanges;

        public override TlsAuthentication GetAuthentication() => new ChainCheck(this);

        public override void NotifyHandshakeComplete()
        {
            base.NotifyHandshakeComplete();
            var sp = m_context.SecurityParameters;
            var tls13 = sp.NegotiatedVersion.Equals(ProtocolVersion.TLSv13);
            var parameters = m_context.Session?.ExportSessionParameters();
            if (tls13) KeepResumptionMasterSecret(sp);
            Result = new TlsHandshakeResult
            {
                Version = tls13 ? 0x0304 : 0x0303,
                CipherSuite = sp.CipherSuite,
                SessionId = tls13 ? Array.Empty<byte>() : (byte[]?)sp.SessionID?.Clone() ?? Array.Empty<byte>(),
                MasterSecret = tls13 || parameters?.MasterSecret == null ? Array.Empty<byte>() : Peek(parameters.MasterSecret),
                ExtendedMasterSecret = sp.IsExtendedMasterSecret,
                PeerChain = _chain.ToList(),
                // OpenSSL's client keeps the name in the session only when the server acknowledged it (tls_parse_stoc_server_name).
                ServerName = ServerNameAcknowledged ? sp.ClientServerNames?.Select(n => Encoding.ASCII.GetString(n.NameData)).FirstOrDefault() : null,
                Alpn = sp.ApplicationProtocol?.GetUtf8Decoding(),
                Resumed = sp.IsResumedSession,
                KeyExchangeGroup = sp.NegotiatedGroup > 0 ? sp.NegotiatedGroup : _keyExchanges.NamedGroup,
                Ticket = Ticket?.Ticket.Length > 0 ? (byte[])Ticket.Ticket.Clone() : null,
                TicketLifetimeHint = Ticket?.TicketLifetimeHint ?? 0,
                Completed = DateTimeOffset.UtcNow,
            };
        }

        /// <summary>
        /// resumption_master_secret = Derive-Secret(master secret, "res master", ClientHello … client Finished) (RFC 8446
        /// §7.1), read now: once Connect returns, BouncyCastle has moved on from the handshake transcript.
        /// </summary>
        private void KeepResumptionMasterSecret(SecurityParameters sp)
        {
            if (sp.MasterSecret == null || sp.PeerVerifyData == null || sp.LocalVerifyData == null) return;
            var transcript = Protocol?.TranscriptHash(sp.PeerVerifyData, sp.LocalVerifyData);
            if (transcript == null) return;
            _prfHash = sp.PrfCryptoHashAlgorithm;
            _prfLength = sp.PrfHashLength;
            _resumptionMasterSecret = TlsCryptoUtilities.HkdfExpandLabel(sp.MasterSecret, _prfHash, "res master", transcript, _prfLength);
        }

        /// <summary>A TLS 1.3 ticket's PSK: HKDF-Expand-Label(resumption_master_secret, "resumption", nonce, Hash.length), or null.</summary>
        public byte[]? ResumptionPsk(byte[] nonce) =>
            _resumptionMasterSecret == null ? null : TlsCryptoUtilities.HkdfExpandLabel(_resumptionMasterSecret, _prfHash, "resumption", nonce, _prfLength).Extract();

        // TlsSecret.Extract destroys the secret, and the session shares it: extract a copy.
        private byte[] Peek(TlsSecret secret)
        {
            lock (secret) return Crypto.AdoptSecret(secret).Extract();
        }

        private sealed class ChainCheck : TlsAuthentication
        {
            private readonly CapturingClient _client;

            public ChainCheck(CapturingClient client) { _client = client; }

            public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
            {
                var chain = serverCertificate.Certificate;
                for (int i = 0; i < chain.Length; i++) _client._chain.Add(chain.GetCertificateAt(i).GetEncoded());
                var problem = _client._request.CheckCertificate?.Invoke(_client._chain);
                if (problem == null) return;
                _client.CertificateProblem = problem;
                throw new TlsFatalAlert(AlertDescription.bad_certificate, problem);
            }

            public TlsCredentials? GetClientCredentials(CertificateRequest certificateRequest) => null;
        }
    }
}
