using System;
using System.Text;

namespace PSSslSession.Codec
{
    /// <summary>
    /// Builds an <see cref="SslSession"/> from fields (OpenSSL <c>SSL_SESSION_new</c> plus its setters).
    /// Unset fields take <c>SSL_SESSION_new</c>'s defaults: time now, timeout 304 s, verify result 1,
    /// max fragment length mode 255. <see cref="Build"/> enforces the same limits the decoder does.
    /// </summary>
    public sealed class SslSessionBuilder
    {
        /// <summary>Timeout of a fresh <c>SSL_SESSION_new()</c> (5 min + 4 s).</summary>
        public const long NewSessionDefaultTimeoutSeconds = 304;

        /// <summary><c>SSL_SESSION_set_protocol_version</c>; default TLSv1.3.</summary>
        public SslProtocol Protocol { get; set; } = SslProtocol.TLSv13;
        /// <summary><c>SSL_SESSION_set_cipher</c>; required.</summary>
        public SslCipher? Cipher { get; set; }
        /// <summary><c>SSL_SESSION_set1_id</c>; at most 32 bytes.</summary>
        public byte[] SessionId { get; set; } = Array.Empty<byte>();
        /// <summary><c>SSL_SESSION_set1_master_key</c>; at most 512 bytes.</summary>
        public byte[] MasterKey { get; set; } = Array.Empty<byte>();
        /// <summary>Unix seconds; null = now at <see cref="Build"/>.</summary>
        public long? StartTimeUnixSeconds { get; set; }
        /// <summary><c>SSL_SESSION_set_timeout</c>; default 304.</summary>
        public long TimeoutSeconds { get; set; } = NewSessionDefaultTimeoutSeconds;
        /// <summary>DER of the peer's leaf certificate ([3]), or null.</summary>
        public byte[]? PeerCertificate { get; set; }
        /// <summary><c>SSL_SESSION_set1_id_context</c>; at most 32 bytes.</summary>
        public byte[] SessionIdContext { get; set; } = Array.Empty<byte>();
        /// <summary>X.509 verify result ([5]); <c>SSL_SESSION_new</c> starts at 1.</summary>
        public long VerifyResult { get; set; } = 1;
        /// <summary><c>SSL_SESSION_set1_hostname</c> ([6]); cut at the first NUL.</summary>
        public string? ServerName { get; set; }
        /// <summary>PSK identity hint ([7]); cut at the first NUL.</summary>
        public string? PskIdentityHint { get; set; }
        /// <summary>PSK identity ([8]); cut at the first NUL.</summary>
        public string? PskIdentity { get; set; }
        /// <summary>Ticket lifetime hint ([9]).</summary>
        public ulong TicketLifetimeHintSeconds { get; set; }
        /// <summary><c>SSL_SESSION_set1_ticket</c>-style ticket bytes ([10]), or null.</summary>
        public byte[]? Ticket { get; set; }
        /// <summary>Compression method id ([11]); 0 = none.</summary>
        public byte Compression { get; set; }
        /// <summary>SRP user name ([12]); cut at the first NUL.</summary>
        public string? SrpUsername { get; set; }
        /// <summary>Session flags ([13]); bit 0x1 = <c>SSL_SESS_FLAG_EXTMS</c>.</summary>
        public uint Flags { get; set; }
        /// <summary>Sets or clears <c>SSL_SESS_FLAG_EXTMS</c> in <see cref="Flags"/>.</summary>
        public bool ExtendedMasterSecret
        {
            get => (Flags & SslSession.FlagExtendedMasterSecret) != 0;
            set => Flags = value ? Flags | SslSession.FlagExtendedMasterSecret : Flags & ~SslSession.FlagExtendedMasterSecret;
        }
        /// <summary>TLS 1.3 ticket age addend ([14]).</summary>
        public uint TicketAgeAdd { get; set; }
        /// <summary><c>SSL_SESSION_set_max_early_data</c> ([15]).</summary>
        public uint MaxEarlyData { get; set; }
        /// <summary><c>SSL_SESSION_set1_alpn_selected</c> ([16]), raw bytes, or null.</summary>
        public byte[]? Alpn { get; set; }
        /// <summary>Max fragment length mode ([17]); <c>SSL_SESSION_new</c> starts at 255.</summary>
        public byte MaxFragmentLength { get; set; } = 255;
        /// <summary><c>SSL_SESSION_set1_ticket_appdata</c> ([18]), or null.</summary>
        public byte[]? TicketAppData { get; set; }
        /// <summary>IANA id of the key exchange group ([19]).</summary>
        public uint KeyExchangeGroupId { get; set; }
        /// <summary>3.2+ RFC 7250 raw public key, DER SubjectPublicKeyInfo ([20]), or null.</summary>
        public byte[]? PeerRawPublicKey { get; set; }

        /// <summary>Sets <see cref="Alpn"/> from a protocol name such as "h2".</summary>
        public SslSessionBuilder WithAlpn(string? protocol) { Alpn = protocol == null ? null : Encoding.ASCII.GetBytes(protocol); return this; }

        /// <summary>Validates and creates the session.</summary>
        /// <exception cref="SslSessionFormatException">A field breaks a limit of the format (reason says which).</exception>
        public SslSession Build(DateTimeOffset? now = null)
        {
            if (Cipher == null)
                throw new SslSessionFormatException(SslSessionFormatError.UnknownCipher, "A session needs a cipher suite (i2d_SSL_SESSION refuses a session without one).");
            if (!Protocol.IsSupportedByCodec)
                throw new SslSessionFormatException(SslSessionFormatError.UnsupportedSslVersion, $"Protocol version 0x{Protocol.Number:X4} cannot be stored: OpenSSL accepts major version 0x03 or 0xFE, or 0x0100.");
            if (SessionId.Length > Codec.SessionId.MaxLength)
                throw new SslSessionFormatException(SslSessionFormatError.SessionIdTooLong, $"The session id is {SessionId.Length} bytes; at most 32 are allowed.");
            if (MasterKey.Length > SslSessionCodec.MaxMasterKeyLength)
                throw new SslSessionFormatException(SslSessionFormatError.MasterKeyTooLong, $"The master key is {MasterKey.Length} bytes; at most {SslSessionCodec.MaxMasterKeyLength} are allowed.");
            if (SessionIdContext.Length > SslSessionCodec.MaxSessionIdContextLength)
                throw new SslSessionFormatException(SslSessionFormatError.SessionIdContextTooLong, $"The session id context is {SessionIdContext.Length} bytes; at most 32 are allowed.");
            if (TimeoutSeconds < 0)
                throw new SslSessionFormatException(SslSessionFormatError.Malformed, "A session timeout cannot be negative.");
            if (VerifyResult < int.MinValue || VerifyResult > int.MaxValue)
                throw new SslSessionFormatException(SslSessionFormatError.Malformed, $"The verify result {VerifyResult} does not fit in 32 bits.");
            if (PeerCertificate != null && !Certificates.IsWellFormed(PeerCertificate))
                throw new SslSessionFormatException(SslSessionFormatError.BadPeerCertificate, "The peer certificate is not a DER X.509 certificate.");

            return new SslSession
            {
                ProtocolNumber = Protocol.Number,
                CipherSuite = Cipher,
                Id = new Codec.SessionId(SessionId),
                Key = new SslSecret(MasterKey),
                TimeSeconds = StartTimeUnixSeconds ?? (now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(),
                TimeoutSecondsRaw = TimeoutSeconds,
                // Stored as OpenSSL would write it back after d2i_X509 (see Certificates.Canonicalize).
                PeerCertificateDer = PeerCertificate == null ? null : Certificates.Canonicalize(PeerCertificate),
                SidCtx = (byte[])SessionIdContext.Clone(),
                Verify = VerifyResult,
                Hostname = CString(ServerName),
                PskHint = CString(PskIdentityHint),
                PskId = CString(PskIdentity),
                LifetimeHint = TicketLifetimeHintSeconds,
                TicketBytes = Copy(Ticket),
                CompressionMethod = Compression,
                Srp = CString(SrpUsername),
                FlagBits = Flags,
                AgeAdd = TicketAgeAdd,
                EarlyData = MaxEarlyData,
                AlpnBytes = Copy(Alpn),
                MaxFragmentMode = MaxFragmentLength,
                AppData = Copy(TicketAppData),
                GroupId = KeyExchangeGroupId,
                PeerRpkDer = Copy(PeerRawPublicKey),
            };
        }

        /// <summary>A builder holding every field of <paramref name="s"/>.</summary>
        public static SslSessionBuilder From(SslSession s) => new SslSessionBuilder
        {
            Protocol = s.GetProtocol(),
            Cipher = s.CipherSuite,
            SessionId = s.Id.ToArray(),
            MasterKey = s.Key.ToArray(),
            StartTimeUnixSeconds = s.TimeSeconds,
            TimeoutSeconds = s.TimeoutSecondsRaw,
            PeerCertificate = Copy(s.PeerCertificateDer),
            SessionIdContext = (byte[])s.SidCtx.Clone(),
            VerifyResult = s.Verify,
            ServerName = s.ServerName,
            PskIdentityHint = s.PskIdentityHint,
            PskIdentity = s.PskIdentity,
            TicketLifetimeHintSeconds = s.LifetimeHint,
            Ticket = Copy(s.TicketBytes),
            Compression = s.CompressionMethod,
            SrpUsername = s.SrpUsername,
            Flags = s.FlagBits,
            TicketAgeAdd = s.AgeAdd,
            MaxEarlyData = s.EarlyData,
            Alpn = Copy(s.AlpnBytes),
            MaxFragmentLength = s.MaxFragmentMode,
            TicketAppData = Copy(s.AppData),
            KeyExchangeGroupId = s.GroupId,
            PeerRawPublicKey = Copy(s.PeerRpkDer),
        };

        private static byte[]? Copy(byte[]? b) => (byte[]?)b?.Clone();

        // OpenSSL stores these as C strings: what follows a NUL is lost, as with strndup on decode.
        private static byte[]? CString(string? s)
        {
            if (s == null) return null;
            var nul = s.IndexOf('\0');
            return Encoding.UTF8.GetBytes(nul >= 0 ? s.Substring(0, nul) : s);
        }
    }
}
