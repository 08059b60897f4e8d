namespace PSSslSession.Engine
{
    /// <summary>
    /// A consistent snapshot of a context's counters (OpenSSL <c>SSL_CTX_sess_*</c>, §B.11), plus
    /// what OpenSSL does not count: evictions, flushes, and the attached store's hits/misses/errors.
    /// </summary>
    public sealed class SslSessionStatistics
    {
        public string ContextName { get; internal set; } = "";
        /// <summary>SSL_CTX_sess_number.</summary>
        public long Count { get; internal set; }
        /// <summary>SSL_CTX_sess_get_cache_size (0 = unlimited).</summary>
        public long CacheSize { get; internal set; }
        /// <summary>SSL_CTX_sess_connect.</summary>
        public long Connect { get; internal set; }
        /// <summary>SSL_CTX_sess_connect_good.</summary>
        public long ConnectGood { get; internal set; }
        /// <summary>SSL_CTX_sess_connect_renegotiate.</summary>
        public long ConnectRenegotiate { get; internal set; }
        /// <summary>SSL_CTX_sess_accept.</summary>
        public long Accept { get; internal set; }
        /// <summary>SSL_CTX_sess_accept_good.</summary>
        public long AcceptGood { get; internal set; }
        /// <summary>SSL_CTX_sess_accept_renegotiate.</summary>
        public long AcceptRenegotiate { get; internal set; }
        /// <summary>SSL_CTX_sess_hits.</summary>
        public long Hits { get; internal set; }
        /// <summary>SSL_CTX_sess_cb_hits.</summary>
        public long CallbackHits { get; internal set; }
        /// <summary>SSL_CTX_sess_misses.</summary>
        public long Misses { get; internal set; }
        /// <summary>SSL_CTX_sess_timeouts.</summary>
        public long Timeouts { get; internal set; }
        /// <summary>SSL_CTX_sess_cache_full: one per eviction.</summary>
        public long CacheFull { get; internal set; }
        /// <summary>Sessions removed for room (same events as CacheFull, kept under the SPEC's name).</summary>
        public long Evictions { get; internal set; }
        /// <summary>Sessions removed by flushes (explicit, auto-clear, timer, context removal).</summary>
        public long Flushes { get; internal set; }
        /// <summary>The cached sessions' DER bytes (what -MaxBytes limits).</summary>
        public long Bytes { get; internal set; }
        /// <summary>Sessions not cached because their DER was over -MaxSessionSize (or over the whole -MaxBytes budget).</summary>
        public long TooLarge { get; internal set; }
        /// <summary>Store lookups that found a session (null without a store).</summary>
        public long? StoreHits { get; internal set; }
        /// <summary>Store lookups that found nothing.</summary>
        public long? StoreMisses { get; internal set; }
        /// <summary>Store operations that failed.</summary>
        public long? StoreErrors { get; internal set; }
        /// <summary>Store writes waiting for the store to answer again (kept in order, replayed every half second).</summary>
        public long StorePending { get; internal set; }
        /// <summary>Store writes lost since the context was made: the backlog was full, or the store refused them for good.</summary>
        public long StoreDropped { get; internal set; }
    }

    /// <summary>Index statistics (what <c>lh_stats</c> showed for the session hash).</summary>
    public sealed class SslSessionCacheDetails
    {
        public long Count { get; internal set; }
        public int Shards { get; internal set; }
        public int LargestShard { get; internal set; }
        public int SmallestShard { get; internal set; }
        public long? EarliestExpiryUnixSeconds { get; internal set; }
        public long? LatestExpiryUnixSeconds { get; internal set; }
        public long AutoClearRuns { get; internal set; }
    }
}
