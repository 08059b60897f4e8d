using System;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace PSSslSession.Codec
{
    /// <summary>
    /// One TLS session: every field of OpenSSL 3.0's <c>SSL_SESSION</c> ASN.1 form ([0]…[19], plus
    /// 3.2+'s [20] peer_rpk). Values are read-only; only the start time and timeout change
    /// (<see cref="SetTimes"/>, OpenSSL <c>SSL_SESSION_set_time</c>/<c>_set_timeout</c>), and a cache
    /// that holds the session re-orders its expiry when they do.
    /// Build one with <see cref="SslSessionBuilder"/> (<c>SSL_SESSION_new</c> + setters), or decode one
    /// with <see cref="SslSessionCodec"/> (<c>d2i_SSL_SESSION</c>).
    /// </summary>
    /// <remarks>
    /// Properties hold what a person reads and a serializer writes: ids and byte strings as hex, protocol, cipher and
    /// group as their names, times as instants, durations as a TimeSpan beside their seconds. Typed values come from
    /// methods (<see cref="GetSessionId"/>, <see cref="GetProtocol"/>, <see cref="GetCipher"/>, the byte getters), as
    /// <c>X509Certificate2</c> pairs <c>Thumbprint</c> with <c>GetCertHash()</c>.
    /// </remarks>
    public sealed class SslSession
    {
        // Raw fields, exactly as the wire carries them, so that a re-encode is byte-identical.
        internal int ProtocolNumber;
        internal SslCipher CipherSuite = null!;
        internal SessionId Id;
        internal SslSecret Key = SslSecret.Empty;
        internal long TimeSeconds;              // [1]
        internal long TimeoutSecondsRaw;        // [2]
        internal byte[]? PeerCertificateDer;    // [3]
        internal byte[] SidCtx = Array.Empty<byte>(); // [4]
        internal long Verify;                   // [5] int32 range
        internal byte[]? Hostname;              // [6] null = absent
        internal byte[]? PskHint;               // [7]
        internal byte[]? PskId;                 // [8]
        internal ulong LifetimeHint;            // [9]
        internal byte[]? TicketBytes;           // [10]
        internal byte CompressionMethod;        // [11]
        internal byte[]? Srp;                   // [12]
        internal uint FlagBits;                 // [13]
        internal uint AgeAdd;                   // [14]
        internal uint EarlyData;                // [15]
        internal byte[]? AlpnBytes;             // [16]
        internal byte MaxFragmentMode;          // [17]
        internal byte[]? AppData;               // [18]
        internal uint GroupId;                  // [19]
        internal byte[]? PeerRpkDer;            // [20]

        // Cache bookkeeping (OpenSSL: not_resumable, owner). Not part of the encoding.
        internal volatile bool NotResumable;
        internal volatile ISessionOwner? Owner;
        private X509Certificate2? _certificate;
        // EncodedLength, once asked for (a cache asks at every add); -1 until then and after a time change.
        private int _encodedLength = -1;

        internal SslSession() { }

        /// <summary>SSL_SESS_FLAG_EXTMS.</summary>
        public const uint FlagExtendedMasterSecret = 0x1;

        /// <summary>OpenSSL's name of the protocol version (<c>SSL_SESSION_get_protocol_version</c>): TLSv1.3, TLSv1.2, …, or "unknown".</summary>
        public string Protocol => SslProtocol.NameOf(ProtocolNumber);

        /// <summary>The protocol version's wire number (<c>ssl_version</c>), e.g. 0x0304 (772) for TLSv1.3.</summary>
        public int ProtocolVersion => ProtocolNumber;

        /// <summary>The protocol version as a value that compares by version (<see cref="SslProtocol"/>).</summary>
        public SslProtocol GetProtocol() => new SslProtocol(ProtocolNumber);

        /// <summary>OpenSSL's name of the cipher suite (<c>SSL_CIPHER_get_name</c> of <c>SSL_SESSION_get0_cipher</c>).</summary>
        public string Cipher => CipherSuite.Name;

        /// <summary>The cipher suite's IANA name (<c>SSL_CIPHER_standard_name</c>).</summary>
        public string CipherIanaName => CipherSuite.IanaName;

        /// <summary>OpenSSL's cipher id (<c>SSL_CIPHER_get_id</c>: 0x03000000 | the two-byte code).</summary>
        public uint CipherId => CipherSuite.Id;

        /// <summary>The cipher suite from the codec's table.</summary>
        public SslCipher GetCipher() => CipherSuite;

        /// <summary>Session id (<c>SSL_SESSION_get_id</c>) as uppercase hex, as <c>sess_id -text</c> prints it; empty for ticket-only sessions.</summary>
        public string SessionId => Id.ToString();

        /// <summary>The session id as a value.</summary>
        public SessionId GetSessionId() => Id;

        /// <summary>Master key, or for TLS 1.3 the resumption PSK. Secret: renders as its length only.</summary>
        public SslSecret MasterKey => Key;

        /// <summary>Start time (<c>SSL_SESSION_get_time</c>), UTC.</summary>
        public DateTimeOffset StartTime => FromUnix(TimeSeconds);

        /// <summary>Start time as Unix seconds, exactly as stored.</summary>
        public long StartTimeUnixSeconds => TimeSeconds;

        /// <summary>Lifetime (<c>SSL_SESSION_get_timeout</c>).</summary>
        public TimeSpan Timeout => SecondsToTimeSpan(TimeoutSecondsRaw);

        /// <summary>Lifetime in seconds, exactly as stored (may be negative).</summary>
        public long TimeoutSeconds => TimeoutSecondsRaw;

        /// <summary>Unix second after which the session is expired (<c>calc_timeout</c>), saturating.</summary>
        public long ExpiresAtUnixSeconds => SaturatingAdd(TimeSeconds, TimeoutSecondsRaw);

        /// <summary>Start time + timeout. The session is expired strictly after this instant.</summary>
        public DateTimeOffset ExpiresAt => FromUnix(ExpiresAtUnixSeconds);

        /// <summary>Expired now by the system clock (strict: <c>now &gt; start + timeout</c>).</summary>
        public bool IsExpired => IsExpiredAt(DateTimeOffset.UtcNow);

        /// <summary>Expired at <paramref name="instant"/> (strict: <c>instant &gt; start + timeout</c>).</summary>
        public bool IsExpiredAt(DateTimeOffset instant) => instant.ToUnixTimeSeconds() > ExpiresAtUnixSeconds;

        /// <summary><c>SSL_SESSION_is_resumable</c>: not removed from a cache, and has an id or a ticket.</summary>
        public bool IsResumable => !NotResumable && (Id.Length > 0 || (TicketBytes?.Length ?? 0) > 0);

        /// <summary>Session id context (<c>sid_ctx</c>, at most 32 bytes) in <see cref="TextOrHex"/> form: the text when it is plain text (Apache's), else 0x and hex.</summary>
        public string SessionIdContext => TextOrHex.Format(SidCtx);

        /// <summary>A copy of the session id context's bytes.</summary>
        public byte[] GetSessionIdContext() => (byte[])SidCtx.Clone();

        /// <summary>X.509 verify result of the peer (<c>SSL_SESSION_get_verify_result</c>).</summary>
        public long VerifyResult => Verify;

        /// <summary>Text of <see cref="VerifyResult"/> (<c>X509_verify_cert_error_string</c>).</summary>
        public string VerifyResultText => VerifyResults.Text(Verify);

        /// <summary>The peer's leaf certificate, or null. Parsed on first use.</summary>
        public X509Certificate2? PeerCertificate
        {
            get
            {
                if (PeerCertificateDer == null) return null;
                return _certificate ??= new X509Certificate2(PeerCertificateDer);
            }
        }

        /// <summary>A copy of the peer certificate's DER, or null.</summary>
        public byte[]? GetPeerCertificateBytes() => (byte[]?)PeerCertificateDer?.Clone();

        /// <summary>3.2+ raw public key of the peer (RFC 7250, DER SubjectPublicKeyInfo, field [20]) as hex, or null.</summary>
        public string? PeerRawPublicKey => PeerRpkDer == null ? null : Hex.ToUpper(PeerRpkDer);

        /// <summary>A copy of the peer's raw public key (DER), or null.</summary>
        public byte[]? GetPeerRawPublicKey() => (byte[]?)PeerRpkDer?.Clone();

        /// <summary>SNI host name (<c>SSL_SESSION_get0_hostname</c>), or null.</summary>
        public string? ServerName => Text(Hostname);

        /// <summary>Negotiated ALPN protocol (<c>SSL_SESSION_get0_alpn_selected</c>), or null.</summary>
        public string? Alpn => Text(AlpnBytes);

        /// <summary>A copy of the raw ALPN bytes, or null.</summary>
        public byte[]? GetAlpnBytes() => (byte[]?)AlpnBytes?.Clone();

        /// <summary>Session ticket (client side) as uppercase hex, or null.</summary>
        public string? Ticket => TicketBytes == null ? null : Hex.ToUpper(TicketBytes);

        /// <summary>A copy of the ticket's bytes, or null.</summary>
        public byte[]? GetTicket() => (byte[]?)TicketBytes?.Clone();

        /// <summary>True when a ticket is present (<c>SSL_SESSION_has_ticket</c>).</summary>
        public bool HasTicket => (TicketBytes?.Length ?? 0) > 0;

        /// <summary>Ticket lifetime hint (<c>SSL_SESSION_get_ticket_lifetime_hint</c>).</summary>
        public TimeSpan TicketLifetimeHint => SecondsToTimeSpan(LifetimeHint > long.MaxValue ? long.MaxValue : (long)LifetimeHint);

        /// <summary>Ticket lifetime hint in seconds, as stored.</summary>
        public ulong TicketLifetimeHintSeconds => LifetimeHint;

        /// <summary>TLS 1.3 obfuscated ticket age addend (<c>ext.tick_age_add</c>).</summary>
        public uint TicketAgeAdd => AgeAdd;

        /// <summary>TLS 1.3 max early data (<c>SSL_SESSION_get_max_early_data</c>).</summary>
        public uint MaxEarlyData => EarlyData;

        /// <summary>Extended master secret (RFC 7627) was used (<c>SSL_SESS_FLAG_EXTMS</c>).</summary>
        public bool ExtendedMasterSecret => (FlagBits & FlagExtendedMasterSecret) != 0;

        /// <summary>All session flag bits ([13], cut to 32 bits).</summary>
        public uint Flags => FlagBits;

        /// <summary>PSK identity, or null.</summary>
        public string? PskIdentity => Text(PskId);

        /// <summary>PSK identity hint, or null.</summary>
        public string? PskIdentityHint => Text(PskHint);

        /// <summary>SRP user name, or null.</summary>
        public string? SrpUsername => Text(Srp);

        /// <summary>Compression method id (0 = none).</summary>
        public byte Compression => CompressionMethod;

        /// <summary>Max fragment length mode (RFC 6066; 0 disabled, 255 unspecified).</summary>
        public byte MaxFragmentLength => MaxFragmentMode;

        /// <summary>Ticket application data (<c>SSL_SESSION_set1_ticket_appdata</c>) as uppercase hex, or null.</summary>
        public string? TicketAppData => AppData == null ? null : Hex.ToUpper(AppData);

        /// <summary>A copy of the ticket application data, or null.</summary>
        public byte[]? GetTicketAppData() => (byte[]?)AppData?.Clone();

        /// <summary>IANA id of the key exchange group ([19]), 0 when unknown.</summary>
        public uint KeyExchangeGroupId => GroupId;

        /// <summary>Name of the key exchange group (x25519, secp256r1, …), or null when the id is 0.</summary>
        public string? KeyExchangeGroup => GroupId == 0 ? null : TlsGroups.Name(GroupId);

        /// <summary>
        /// Length of the DER encoding in bytes (<c>i2d_SSL_SESSION</c> with a NULL buffer): what a cache's byte budget
        /// and size limit count (New-SslContext -MaxBytes, -MaxSessionSize). The peer certificate and the ticket
        /// dominate it.
        /// </summary>
        public int EncodedLength
        {
            get
            {
                int length = _encodedLength;
                if (length < 0) _encodedLength = length = SslSessionCodec.EncodedLength(this);
                return length;
            }
        }

        /// <summary>
        /// Changes the start time and/or the timeout (<c>SSL_SESSION_set_time</c>, <c>_set_timeout</c>).
        /// A cache that holds the session re-orders it by its new expiry.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">A negative timeout (OpenSSL returns 0 for it).</exception>
        public void SetTimes(long? startTimeUnixSeconds, long? timeoutSeconds)
        {
            if (timeoutSeconds < 0)
                throw new ArgumentOutOfRangeException(nameof(timeoutSeconds), timeoutSeconds, "A session timeout cannot be negative.");
            while (true)
            {
                var owner = Owner;
                if (owner != null)
                {
                    owner.UpdateTimes(this, startTimeUnixSeconds ?? TimeSeconds, timeoutSeconds ?? TimeoutSecondsRaw);
                    return;
                }
                // Unowned: written under the session's own lock, which a cache also holds while it reads the times
                // and becomes the owner (CaptureExpiryAndOwn), so the cache sees either the old times and then the
                // owner re-sorts, or the new ones; never a mix of the two, never a change it misses.
                lock (TimesGate)
                {
                    if (Owner == null)
                    {
                        ApplyTimes(startTimeUnixSeconds ?? TimeSeconds, timeoutSeconds ?? TimeoutSecondsRaw);
                        return;
                    }
                }
            }
        }

        /// <summary>
        /// For a cache taking the session in, under its own lock: the expiry to order it by, read together with becoming
        /// its owner, so that a concurrent <see cref="SetTimes"/> either lands before (and is read here) or goes through
        /// the new owner.
        /// </summary>
        internal long CaptureExpiryAndOwn(ISessionOwner owner)
        {
            lock (TimesGate)
            {
                Owner = owner;
                return ExpiresAtUnixSeconds;
            }
        }

        // Guards the two time fields against a torn write while no cache owns the session.
        private readonly object TimesGate = new object();

        /// <summary>Writes the times; owners call it under their lock.</summary>
        internal void ApplyTimes(long start, long timeout)
        {
            lock (TimesGate) ApplyTimesLocked(start, timeout);
        }

        private void ApplyTimesLocked(long start, long timeout)
        {
            TimeSeconds = start;
            TimeoutSecondsRaw = timeout;
            _encodedLength = -1;
        }

        /// <summary>A builder pre-filled with this session's fields (for copies with changes).</summary>
        public SslSessionBuilder ToBuilder() => SslSessionBuilder.From(this);

        /// <summary>"&lt;protocol&gt; &lt;id hex&gt; &lt;cipher&gt;"; never the key.</summary>
        public override string ToString() => $"{Protocol} {Id} {CipherSuite?.Name}";

        internal static long SaturatingAdd(long a, long b)
        {
            long r = unchecked(a + b);
            if (((a ^ r) & (b ^ r)) < 0) return a < 0 ? long.MinValue : long.MaxValue;
            return r;
        }

        private static readonly long MinUnix = DateTimeOffset.MinValue.ToUnixTimeSeconds();
        private static readonly long MaxUnix = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

        internal static DateTimeOffset FromUnix(long seconds) =>
            seconds <= MinUnix ? DateTimeOffset.MinValue :
            seconds >= MaxUnix ? DateTimeOffset.MaxValue :
            DateTimeOffset.FromUnixTimeSeconds(seconds);

        internal static TimeSpan SecondsToTimeSpan(long seconds)
        {
            const long max = long.MaxValue / TimeSpan.TicksPerSecond;
            if (seconds >= max) return TimeSpan.MaxValue;
            if (seconds <= -max) return TimeSpan.MinValue;
            return TimeSpan.FromTicks(seconds * TimeSpan.TicksPerSecond);
        }

        // OpenSSL keeps these as C strings; show them as UTF-8 (invalid bytes become U+FFFD on display only).
        private static string? Text(byte[]? bytes) => bytes == null ? null : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// Lets a cache re-order a session it holds when the session's times change
    /// (OpenSSL re-sorts the owner's list under the owner's lock).
    /// </summary>
    internal interface ISessionOwner
    {
        /// <summary>Must call <see cref="SslSession.ApplyTimes"/> under the owner's lock and re-order.</summary>
        void UpdateTimes(SslSession session, long startTimeUnixSeconds, long timeoutSeconds);
    }
}
