namespace PSSslSession.Stores
{
    /// <summary>Why an external session store (the seeds' "external cache") failed.</summary>
    public enum SessionStoreError
    {
        /// <summary>The server could not be reached (connection refused, host unknown, connect timeout).</summary>
        Unreachable,
        /// <summary>A connected server did not answer within the operation timeout.</summary>
        Timeout,
        /// <summary>The server's reply broke the protocol (bad framing, an error reply, or an unexpected reply type).</summary>
        ProtocolError,
        /// <summary>Authentication was refused (Redis AUTH / ACL).</summary>
        AuthFailed,
        /// <summary>A stored session no longer decodes (<c>d2i_SSL_SESSION</c> fails on it).</summary>
        CorruptRecord,
        /// <summary>A file or socket operation failed (permissions, disk full, connection reset).</summary>
        IoError,
        /// <summary>The store's file is not a session database of a version this module understands.</summary>
        IncompatibleSchema,
        /// <summary>The store is disconnected after a failure already thrown once, and waits for its next reconnect attempt (fails fast, no traffic).</summary>
        Unavailable,
        /// <summary>The store was disposed.</summary>
        Disposed,
        /// <summary>The session cannot be stored (e.g. it has no id, or it fails to encode).</summary>
        InvalidSession,
        /// <summary>The store's path names a device, pipe, socket, folder or link instead of a regular file; nothing was touched.</summary>
        NotARegularFile,
        /// <summary>The server cannot do what the options ask (a database other than 0 on a Redis Cluster, which has only database 0).</summary>
        Unsupported,
    }
}
