using System;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using PSSslSession.Codec;
using PSSslSession.Engine.Interop;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>New-SslSession</c>: builds a session from fields (<c>SSL_SESSION_new</c> and its setters). Unset fields
    /// take SSL_SESSION_new's defaults (start now, timeout 304 s). Creates an object only; nothing is cached.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SslSession")]
    [OutputType(typeof(SslSession))]
    public sealed class NewSslSessionCommand : SslSessionCmdlet
    {
        #region Parameters

        /// <summary>SSL_SESSION_set_protocol_version: TLSv1.3, TLSv1.2, … or a number.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        public SslProtocol Protocol { get; set; }

        /// <summary>SSL_SESSION_set_cipher: OpenSSL or IANA name, or hex code.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        public SslCipher Cipher { get; set; } = null!;

        /// <summary>SSL_SESSION_set1_id: hex text or bytes (≤ 32); empty when omitted.</summary>
        [Parameter]
        [SessionIdTransformation]
        public SessionId SessionId { get; set; }

        /// <summary>SSL_SESSION_set1_master_key (TLS 1.3: the resumption PSK): hex text or bytes.</summary>
        [Parameter]
        [ByteArrayTransformation]
        public byte[]? MasterKey { get; set; }

        /// <summary>SSL_SESSION_set_time; now when omitted.</summary>
        [Parameter]
        public DateTime StartTime { get; set; }

        /// <summary>SSL_SESSION_set_timeout: a TimeSpan or seconds; 304 s when omitted.</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(SslSessionBuilder.NewSessionDefaultTimeoutSeconds);

        /// <summary>SSL_SESSION_set1_id_context: hex text or bytes (≤ 32).</summary>
        [Parameter]
        [ByteArrayTransformation]
        public byte[]? SessionIdContext { get; set; }

        /// <summary>SSL_SESSION_set1_hostname (SNI).</summary>
        [Parameter]
        public string? ServerName { get; set; }

        /// <summary>SSL_SESSION_set1_alpn_selected, e.g. "h2".</summary>
        [Parameter]
        public string? Alpn { get; set; }

        /// <summary>SSL_SESSION_set1_ticket (client side): hex text or bytes.</summary>
        [Parameter]
        [ByteArrayTransformation]
        public byte[]? Ticket { get; set; }

        /// <summary>Ticket lifetime hint: a TimeSpan or seconds.</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan TicketLifetimeHint { get; set; }

        /// <summary>TLS 1.3 ticket_age_add.</summary>
        [Parameter]
        public uint TicketAgeAdd { get; set; }

        /// <summary>SSL_SESSION_set_max_early_data.</summary>
        [Parameter]
        public uint MaxEarlyData { get; set; }

        /// <summary>SSL_SESS_FLAG_EXTMS.</summary>
        [Parameter]
        public SwitchParameter ExtendedMasterSecret { get; set; }

        /// <summary>The peer's leaf certificate (SSL_SESSION_get0_peer).</summary>
        [Parameter]
        public X509Certificate2? PeerCertificate { get; set; }

        /// <summary>X509 verify result of the peer (0 = ok); 1 when omitted, as SSL_SESSION_new.</summary>
        [Parameter]
        public long VerifyResult { get; set; } = 1;

        /// <summary>PSK identity ([8]).</summary>
        [Parameter]
        public string? PskIdentity { get; set; }

        /// <summary>PSK identity hint ([7]).</summary>
        [Parameter]
        public string? PskIdentityHint { get; set; }

        /// <summary>SRP user name ([12]).</summary>
        [Parameter]
        public string? SrpUsername { get; set; }

        /// <summary>IANA id of the key exchange group (e.g. 29 = x25519).</summary>
        [Parameter]
        public uint KeyExchangeGroupId { get; set; }

        /// <summary>SSL_SESSION_set_max_fragment_length mode (0 disabled, 255 unspecified).</summary>
        [Parameter]
        public byte MaxFragmentLength { get; set; } = 255;

        /// <summary>SSL_SESSION_set1_ticket_appdata: hex text or bytes.</summary>
        [Parameter]
        [ByteArrayTransformation]
        public byte[]? TicketAppData { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            var builder = new SslSessionBuilder
            {
                Protocol = Protocol,
                Cipher = Cipher,
                SessionId = SessionId.ToArray(),
                MasterKey = MasterKey ?? Array.Empty<byte>(),
                StartTimeUnixSeconds = MyInvocation.BoundParameters.ContainsKey(nameof(StartTime)) ? ToInstant(StartTime).ToUnixTimeSeconds() : (long?)null,
                TimeoutSeconds = DurationInput.ToSeconds(Timeout),
                SessionIdContext = SessionIdContext ?? Array.Empty<byte>(),
                ServerName = ServerName,
                Ticket = Ticket,
                TicketLifetimeHintSeconds = (ulong)Math.Max(0, DurationInput.ToSeconds(TicketLifetimeHint)),
                TicketAgeAdd = TicketAgeAdd,
                MaxEarlyData = MaxEarlyData,
                ExtendedMasterSecret = ExtendedMasterSecret.IsPresent,
                PeerCertificate = PeerCertificate?.RawData,
                VerifyResult = VerifyResult,
                PskIdentity = PskIdentity,
                PskIdentityHint = PskIdentityHint,
                SrpUsername = SrpUsername,
                KeyExchangeGroupId = KeyExchangeGroupId,
                MaxFragmentLength = MaxFragmentLength,
                TicketAppData = TicketAppData,
            }.WithAlpn(Alpn);
            try
            {
                WriteObject(builder.Build());
            }
            catch (Exception e) when (IsReportable(e))
            {
                ThrowTerminatingError(Error(e, null));
            }
        }

        #endregion
    }
}
