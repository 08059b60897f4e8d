using System;

namespace PSSslSession.Engine
{
    /// <summary>What went wrong in a context operation.</summary>
    public enum SslContextError
    {
        /// <summary>A context with that name is already registered.</summary>
        NameInUse,
        /// <summary>No context with that name.</summary>
        ContextNotFound,
        /// <summary>The context was removed (SSL_CTX_free) and cannot be used.</summary>
        ContextClosed,
        /// <summary>Cache size below 0.</summary>
        InvalidCacheSize,
        /// <summary>Timeout below 0.</summary>
        InvalidTimeout,
        /// <summary>A byte limit (MaxSessionSize, MaxBytes) below 0.</summary>
        InvalidByteLimit,
        /// <summary>A flush interval below 0, or above the timer's limit.</summary>
        InvalidFlushInterval,
        /// <summary>Session-id context over 32 bytes (SSL_R_SSL_SESSION_ID_CONTEXT_TOO_LONG).</summary>
        SessionIdContextTooLong,
        /// <summary>The generator could not make an id (SSL_R_SSL_SESSION_ID_CALLBACK_FAILED).</summary>
        SessionIdCallbackFailed,
        /// <summary>The generator returned 0 or more than 32 bytes (SSL_R_SSL_SESSION_ID_HAS_BAD_LENGTH).</summary>
        SessionIdHasBadLength,
        /// <summary>Every attempt collided with a cached id (SSL_R_SSL_SESSION_ID_CONFLICT).</summary>
        SessionIdConflict,
        /// <summary>A requested id length outside 1…32.</summary>
        InvalidSessionIdLength,
        /// <summary>Peer verification requested with an empty session-id context (SSL_R_SESSION_ID_CONTEXT_UNINITIALIZED).</summary>
        SessionIdContextUninitialized,
        /// <summary>The session cannot be cached (e.g. an empty id where one is needed).</summary>
        InvalidSession,
        /// <summary>A get callback answered a lookup with a session of another id: never resumed, never cached.</summary>
        CallbackSessionMismatch,
        /// <summary>A new member of a shared cache asked for cache settings other than the cache's (they belong to every member).</summary>
        SharedCacheConflict,
    }

    /// <summary>The engine's exception for invalid configuration or requests; <see cref="Reason"/> says which.</summary>
    public sealed class SslContextException : InvalidOperationException
    {
        public SslContextException(SslContextError reason, string message, Exception? inner = null) : base(message, inner)
        {
            Reason = reason;
        }

        public SslContextError Reason { get; }
    }

    /// <summary>
    /// Thrown by a callback (or the host's wrapper around it) to end the operation that called it rather than fail: the
    /// user stopped the pipeline, or a script's <c>break</c>/<c>exit</c> left the callback. The engine does not turn it
    /// into a fault; it lets it through once the cache is consistent (callbacks run after the cache lock), so callbacks
    /// and store writes that would have followed in that operation do not run.
    /// </summary>
    public sealed class CallbackAbortException : Exception
    {
        public CallbackAbortException(Exception reason) : base("A callback ended the operation: " + reason.Message, reason) { }
    }
}
