using System;
using System.Collections.Generic;
using PSSslSession.Codec;

namespace PSSslSession.Engine
{
    /// <summary>
    /// An external session cache (the seeds' "saved to disk or put into a database"). A context feeds it
    /// through the same paths as its new/get/remove callbacks, so NoInternalLookup/NoInternalStore apply.
    /// Implementations must be thread-safe; they may throw on I/O failure (the context turns that into a
    /// fault and keeps serving from its internal cache).
    /// </summary>
    public interface ISslSessionStore : IDisposable
    {
        /// <summary>"SQLite", "Redis", …</summary>
        string Kind { get; }

        /// <summary>File path or host:port.</summary>
        string Location { get; }

        /// <summary>Human-readable state ("Open", "Connected", "Disconnected: …").</summary>
        string State { get; }

        /// <summary>True when <see cref="LoadUnexpired"/> can list what the store holds.</summary>
        bool CanEnumerate { get; }

        /// <summary>Writes or replaces a session, to expire at its <see cref="SslSession.ExpiresAt"/>. A session with no time left is not written.</summary>
        void Put(SslSession session, DateTimeOffset now);

        /// <summary>Reads a session by id (protocol may be null: any), or null.</summary>
        SslSession? Get(SessionId sessionId, SslProtocol? protocol, DateTimeOffset now);

        /// <summary>Deletes a session; true when something was deleted.</summary>
        bool Remove(SessionId sessionId, SslProtocol protocol);

        /// <summary>Every unexpired session (for a context opened on an existing store); empty when it cannot enumerate.</summary>
        IReadOnlyList<SslSession> LoadUnexpired(DateTimeOffset now);

        /// <summary>
        /// True when <paramref name="failure"/> (thrown by this store) may pass: the store was unreachable, busy or slow.
        /// A context keeps such writes and replays them when the store answers again; it drops writes that failed for
        /// good (a session the store cannot hold, a broken file) and reports them.
        /// </summary>
        bool IsTransient(Exception failure);
    }
}
