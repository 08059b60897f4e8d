using System;
using System.Collections.Generic;
using PSSslSession.Codec;

namespace PSSslSession.Engine
{
    /// <summary>
    /// A store that writes many sessions at once (one SQLite transaction instead of one per session).
    /// <see cref="SslContext.AddRange"/> uses it for the new entries of a batch.
    /// </summary>
    public interface ISslSessionBatchStore : ISslSessionStore
    {
        /// <summary>
        /// Writes every session as <see cref="ISslSessionStore.Put"/> would, all or none: when it throws, nothing was written
        /// (the context then queues them all on an outage, or writes them one by one to find the one the store refuses).
        /// </summary>
        void PutMany(IReadOnlyList<SslSession> sessions, DateTimeOffset now);
    }
}
