using System;

namespace PSSslSession.Stores
{
    /// <summary>
    /// The one exception type of the stores: every failure of <see cref="SqliteSessionStore"/> and
    /// <see cref="RedisSessionStore"/> surfaces as this, with <see cref="Reason"/> saying which.
    /// A context that catches it reports an <c>SslCacheFault</c> and keeps serving from its internal cache.
    /// </summary>
    public sealed class SessionStoreException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public SessionStoreException(SessionStoreError reason, string message, Exception? inner = null) : base(message, inner)
        {
            Reason = reason;
        }

        /// <summary>What went wrong.</summary>
        public SessionStoreError Reason { get; }

        /// <summary>True for failures of reaching the store (as opposed to bad data or bad replies).</summary>
        public bool IsConnectivity =>
            Reason == SessionStoreError.Unreachable || Reason == SessionStoreError.Timeout ||
            Reason == SessionStoreError.IoError || Reason == SessionStoreError.Unavailable;
    }
}
