using System;

namespace PSSslSession.Engine
{
    /// <summary>
    /// Session cache mode (OpenSSL <c>SSL_CTX_set_session_cache_mode</c>, <c>SSL_SESS_CACHE_*</c>), same values.
    /// </summary>
    [Flags]
    public enum SslSessionCacheMode
    {
        /// <summary>SSL_SESS_CACHE_OFF: no handshake stores a session.</summary>
        Off = 0,
        /// <summary>SSL_SESS_CACHE_CLIENT: client handshakes store sessions.</summary>
        Client = 0x1,
        /// <summary>SSL_SESS_CACHE_SERVER (the default): server handshakes store sessions.</summary>
        Server = 0x2,
        /// <summary>SSL_SESS_CACHE_BOTH.</summary>
        Both = Client | Server,
        /// <summary>SSL_SESS_CACHE_NO_AUTO_CLEAR: no flush of expired sessions every 255 handshakes.</summary>
        NoAutoClear = 0x80,
        /// <summary>SSL_SESS_CACHE_NO_INTERNAL_LOOKUP: resume lookups skip the internal cache.</summary>
        NoInternalLookup = 0x100,
        /// <summary>SSL_SESS_CACHE_NO_INTERNAL_STORE: handshakes and get-callback hits are not stored internally.</summary>
        NoInternalStore = 0x200,
        /// <summary>SSL_SESS_CACHE_NO_INTERNAL: both of the above.</summary>
        NoInternal = NoInternalLookup | NoInternalStore,
        /// <summary>SSL_SESS_CACHE_UPDATE_TIME: adding a session sets its start time to now.</summary>
        UpdateTime = 0x400,
    }

    /// <summary>Which side of a handshake (OpenSSL: server = SSL_accept, client = SSL_connect).</summary>
    public enum SslRole
    {
        Server,
        Client,
    }

    /// <summary>Why a session left a cache (given to remove callbacks).</summary>
    public enum SessionRemovalReason
    {
        /// <summary>Removed on request (<c>SSL_CTX_remove_session</c>).</summary>
        Removed,
        /// <summary>Found expired by a resume lookup.</summary>
        Expired,
        /// <summary>Evicted to make room (counts CacheFull).</summary>
        Evicted,
        /// <summary>Flushed (<c>SSL_CTX_flush_sessions</c>), including the every-255 auto-clear and context removal.</summary>
        Flushed,
    }

    /// <summary>Outcome of a server resume lookup: why a session did or did not resume.</summary>
    public enum SslLookupOutcome
    {
        /// <summary>Found in the internal cache and usable (sess_hit).</summary>
        Hit,
        /// <summary>Found through the get callback or the external store and usable (sess_miss + sess_cb_hit + sess_hit).</summary>
        CallbackHit,
        /// <summary>Not found anywhere (sess_miss).</summary>
        Miss,
        /// <summary>Found but expired; it was removed (sess_timeout).</summary>
        Expired,
        /// <summary>Found but its session-id context differs (silent miss in OpenSSL).</summary>
        ContextMismatch,
        /// <summary>Found but under another protocol version (silent miss in OpenSSL).</summary>
        VersionMismatch,
    }

    /// <summary>Which event a callback is registered for.</summary>
    public enum SessionCallbackEvent
    {
        /// <summary>sess_set_new_cb: a handshake produced a session to store.</summary>
        New,
        /// <summary>sess_set_remove_cb: a session left the cache.</summary>
        Remove,
        /// <summary>sess_set_get_cb: a resume lookup missed the internal cache.</summary>
        Get,
    }
}
