using System;

namespace PSSslSession.Engine
{
    /// <summary>
    /// Settings to change on a context in one step (<see cref="SslContext.Configure"/>): what is left unset does not
    /// change, so "not given" differs from "set to the default". Every given value is checked before any is applied.
    /// </summary>
    public sealed class SslContextSettings
    {
        private byte[]? _sessionIdPrefix;
        private SessionIdGenerator? _sessionIdGenerator;
        private ISslSessionStore? _store;

        /// <summary>SSL_CTX_set_session_cache_mode.</summary>
        public SslSessionCacheMode? CacheMode { get; set; }

        /// <summary>SSL_CTX_sess_set_cache_size; 0 = unlimited.</summary>
        public int? CacheSize { get; set; }

        /// <summary>SSL_CTX_set_timeout; zero = the method default.</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>SSL_CTX_set_session_id_context; empty clears it.</summary>
        public byte[]? SessionIdContext { get; set; }

        /// <summary>The largest session the cache takes, in DER bytes; 0 = no limit (<see cref="SslContext.MaxSessionSize"/>).</summary>
        public int? MaxSessionSize { get; set; }

        /// <summary>The byte budget of the whole cache; 0 = none (<see cref="SslContext.MaxBytes"/>).</summary>
        public long? MaxBytes { get; set; }

        /// <summary>The period of the timer flush; zero = off (<see cref="SslContext.FlushInterval"/>).</summary>
        public TimeSpan? FlushInterval { get; set; }

        /// <summary>Behave as OpenSSL 3.0's cache where the module differs by default (<see cref="SslContext.OpenSslCompat"/>).</summary>
        public bool? OpenSslCompat { get; set; }

        /// <summary>The connections verify their peer.</summary>
        public bool? VerifyPeer { get; set; }

        /// <summary>Prefix of generated ids; null removes it. Applied only when set (<see cref="ChangesSessionIdPrefix"/>).</summary>
        public byte[]? SessionIdPrefix
        {
            get => _sessionIdPrefix;
            set { _sessionIdPrefix = value; ChangesSessionIdPrefix = true; }
        }

        /// <summary>True once <see cref="SessionIdPrefix"/> was set (also to null).</summary>
        public bool ChangesSessionIdPrefix { get; private set; }

        /// <summary>Custom id generator; null restores the CSPRNG. Applied only when set (<see cref="ChangesSessionIdGenerator"/>).</summary>
        public SessionIdGenerator? SessionIdGenerator
        {
            get => _sessionIdGenerator;
            set { _sessionIdGenerator = value; ChangesSessionIdGenerator = true; }
        }

        /// <summary>True once <see cref="SessionIdGenerator"/> was set (also to null).</summary>
        public bool ChangesSessionIdGenerator { get; private set; }

        /// <summary>The external store to attach; null detaches. Applied only when set (<see cref="ChangesStore"/>).</summary>
        public ISslSessionStore? Store
        {
            get => _store;
            set { _store = value; ChangesStore = true; }
        }

        /// <summary>True once <see cref="Store"/> was set (also to null).</summary>
        public bool ChangesStore { get; private set; }

        /// <summary>
        /// The first setting given here that belongs to the cache (size, timeout, byte limits, flush interval, store,
        /// OpenSslCompat) and differs from <paramref name="cacheOf"/>'s cache, described with both values; null when none
        /// does. A context that joins a shared cache must not change it for the others by the way (field note 13: a cache
        /// declared twice with other limits is an error, not a silent reuse).
        /// </summary>
        public string? ConflictWithCacheOf(SslContext cacheOf)
        {
            if (cacheOf == null) throw new ArgumentNullException(nameof(cacheOf));
            if (CacheSize.HasValue && CacheSize != cacheOf.CacheSize) return $"CacheSize {CacheSize} (the cache's is {cacheOf.CacheSize})";
            // 0 means the method default: the same timeout as 7200 s.
            if (Timeout.HasValue && (Timeout == TimeSpan.Zero ? SslContext.DefaultTimeout : Timeout) != cacheOf.EffectiveTimeout)
                return $"Timeout {Timeout} (the cache's is {cacheOf.Timeout})";
            if (MaxSessionSize.HasValue && MaxSessionSize != cacheOf.MaxSessionSize) return $"MaxSessionSize {MaxSessionSize} (the cache's is {cacheOf.MaxSessionSize})";
            if (MaxBytes.HasValue && MaxBytes != cacheOf.MaxBytes) return $"MaxBytes {MaxBytes} (the cache's is {cacheOf.MaxBytes})";
            if (FlushInterval.HasValue && FlushInterval != cacheOf.FlushInterval) return $"FlushInterval {FlushInterval} (the cache's is {cacheOf.FlushInterval})";
            if (OpenSslCompat.HasValue && OpenSslCompat != cacheOf.OpenSslCompat) return $"OpenSslCompat {OpenSslCompat} (the cache's is {cacheOf.OpenSslCompat})";
            if (ChangesStore && !ReferenceEquals(Store, cacheOf.Store)) return $"Store {Store?.ToString() ?? "none"} (the cache's is {cacheOf.Store?.ToString() ?? "none"})";
            return null;
        }
    }
}
