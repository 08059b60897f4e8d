using System;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PSSslSession.Codec;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>New-SslSession</c>: builds sessions from fields (<c>SSL_SESSION_new</c> and its setters). Unset fields take
    /// SSL_SESSION_new's defaults (start now, timeout 304 s), except the id: a fresh random 32-byte id unless one is
    /// given. -Count makes many at once; every field also binds by property name, so objects with those properties
    /// (a session, a CSV row) become sessions. Creates objects only; nothing is cached.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SslSession", DefaultParameterSetName = RandomIdSet)]
    [OutputType(typeof(SslSession))]
    public sealed class NewSslSessionCommand : SslSessionCmdlet
    {
        private const string RandomIdSet = "RandomId";
        private const string SessionIdSet = "SessionId";
        private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

        #region Parameters

        /// <summary>SSL_SESSION_set_protocol_version: TLSv1.3, TLSv1.2, … or a number.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ProtocolTransformation]
        [ArgumentCompleter(typeof(SslProtocolCompleter))]
        public SslProtocol Protocol { get; set; }

        /// <summary>SSL_SESSION_set_cipher: OpenSSL or IANA name, or hex code; TLS 1.3 suites with TLS 1.3 only.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [CipherTransformation]
        [ArgumentCompleter(typeof(SslCipherCompleter))]
        public SslCipher Cipher { get; set; } = null!;

        /// <summary>SSL_SESSION_set1_id: hex, bytes or a session (≤ 32 bytes); a fresh random 32-byte id when omitted.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = SessionIdSet)]
        [SessionIdTransformation(Strict = true)]
        public SessionId SessionId { get; set; }

        /// <summary>How many sessions to make, each with its own random 32-byte id.</summary>
        [Parameter(ParameterSetName = RandomIdSet)]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; } = 1;

        /// <summary>SSL_SESSION_set1_master_key (TLS 1.3: the resumption PSK): hex text or bytes.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ByteArrayTransformation]
        [ValidateCount(0, 512)]
        public byte[]? MasterKey { get; set; }

        /// <summary>SSL_SESSION_set_time; now when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DateTimeOffset StartTime { get; set; }

        /// <summary>SSL_SESSION_set_timeout: a TimeSpan or seconds; 304 s when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [DurationTransformation]
        [ValidateNonNegativeDuration]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(SslSessionBuilder.NewSessionDefaultTimeoutSeconds);

        /// <summary>SSL_SESSION_set1_id_context: text (its UTF-8 bytes), 0x-hex or bytes (≤ 32).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [TextBytesTransformation]
        [ValidateCount(0, 32)]
        [AllowEmptyString]
        public byte[]? SessionIdContext { get; set; }

        /// <summary>SSL_SESSION_set1_hostname (SNI).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ServerName { get; set; }

        /// <summary>SSL_SESSION_set1_alpn_selected, e.g. "h2".</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Alpn { get; set; }

        /// <summary>SSL_SESSION_set1_ticket (client side): hex text or bytes.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ByteArrayTransformation]
        public byte[]? Ticket { get; set; }

        /// <summary>Ticket lifetime hint: a TimeSpan or seconds.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [DurationTransformation]
        [ValidateNonNegativeDuration]
        public TimeSpan TicketLifetimeHint { get; set; }

        /// <summary>TLS 1.3 ticket_age_add.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public uint TicketAgeAdd { get; set; }

        /// <summary>SSL_SESSION_set_max_early_data.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public uint MaxEarlyData { get; set; }

        /// <summary>SSL_SESS_FLAG_EXTMS.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter ExtendedMasterSecret { get; set; }

        /// <summary>The peer's leaf certificate (SSL_SESSION_get0_peer): a certificate, its DER bytes, or a certificate file.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [CertificateTransformation]
        public X509Certificate2? PeerCertificate { get; set; }

        /// <summary>X509 verify result of the peer (0 = ok); 1 when omitted, as SSL_SESSION_new.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public int VerifyResult { get; set; } = 1;

        /// <summary>PSK identity ([8]).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? PskIdentity { get; set; }

        /// <summary>PSK identity hint ([7]).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? PskIdentityHint { get; set; }

        /// <summary>SRP user name ([12]).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? SrpUsername { get; set; }

        /// <summary>The key exchange group by OpenSSL's name (x25519, secp256r1, …; tab-completes).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(TlsGroupCompleter))]
        public string? KeyExchangeGroup { get; set; }

        /// <summary>IANA id of the key exchange group (e.g. 29 = x25519), for groups OpenSSL has no name for.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0, 0xFFFF)]
        public uint KeyExchangeGroupId { get; set; }

        /// <summary>SSL_SESSION_set_max_fragment_length mode (0 disabled, 255 unspecified).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public byte MaxFragmentLength { get; set; } = 255;

        /// <summary>SSL_SESSION_set1_ticket_appdata: hex text or bytes.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ByteArrayTransformation]
        public byte[]? TicketAppData { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            SslSessionBuilder builder;
            try
            {
                builder = Template();
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, ParameterSetName == SessionIdSet ? SessionId.ToString() : Protocol.Name));
                return;
            }
            if (ParameterSetName == SessionIdSet)
            {
                Build(builder, SessionId.ToArray());
                return;
            }
            // One call to the CSPRNG for all the ids: -Count 100000 is one 3.2 MB read, not 100,000 small ones.
            var ids = new byte[Count * SessionId.MaxLength];
            lock (Random) Random.GetBytes(ids);
            for (int i = 0; i < Count; i++)
            {
                var id = new byte[SessionId.MaxLength];
                Buffer.BlockCopy(ids, i * SessionId.MaxLength, id, 0, id.Length);
                if (!Build(builder, id)) return;
            }
        }

        #endregion

        #region Private methods

        /// <summary>Every field but the id, checked once per input.</summary>
        private SslSessionBuilder Template()
        {
            if (Cipher.IsSignalingValue)
                throw new ArgumentException($"{Cipher.Name} is a signalling value, not a cipher suite a session can use.");
            if (Protocol.IsTls13 != Cipher.IsTls13)
                throw new CipherProtocolMismatchException(Protocol, Cipher);
            uint groupId = KeyExchangeGroupId;
            if (!string.IsNullOrEmpty(KeyExchangeGroup))
            {
                groupId = TlsGroups.Id(KeyExchangeGroup!) ?? throw new ArgumentException($"'{KeyExchangeGroup}' is not a key exchange group OpenSSL 3.0 knows; give its IANA id with -KeyExchangeGroupId.");
                if (IsBound(nameof(KeyExchangeGroupId)) && KeyExchangeGroupId != groupId)
                    throw new ArgumentException($"-KeyExchangeGroup {KeyExchangeGroup} is id {groupId}, but -KeyExchangeGroupId is {KeyExchangeGroupId}.");
            }
            return new SslSessionBuilder
            {
                Protocol = Protocol,
                Cipher = Cipher,
                MasterKey = MasterKey ?? Array.Empty<byte>(),
                StartTimeUnixSeconds = IsBound(nameof(StartTime)) ? StartTime.ToUnixTimeSeconds() : DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                TimeoutSeconds = DurationInput.ToSeconds(Timeout),
                SessionIdContext = SessionIdContext ?? Array.Empty<byte>(),
                ServerName = ServerName,
                Ticket = Ticket,
                TicketLifetimeHintSeconds = (ulong)DurationInput.ToSeconds(TicketLifetimeHint),
                TicketAgeAdd = TicketAgeAdd,
                MaxEarlyData = MaxEarlyData,
                ExtendedMasterSecret = ExtendedMasterSecret.IsPresent,
                PeerCertificate = PeerCertificate?.RawData,
                VerifyResult = VerifyResult,
                PskIdentity = PskIdentity,
                PskIdentityHint = PskIdentityHint,
                SrpUsername = SrpUsername,
                KeyExchangeGroupId = groupId,
                MaxFragmentLength = MaxFragmentLength,
                TicketAppData = TicketAppData,
            }.WithAlpn(Alpn);
        }

        private bool Build(SslSessionBuilder builder, byte[] id)
        {
            builder.SessionId = id;
            try
            {
                WriteObject(builder.Build());
                return true;
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, Hex.ToUpper(id)));
                return false;
            }
        }

        #endregion
    }
}
