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
        /// Writes every session as <see cref="ISslSessionStore.Put"/> would. When it throws, the context writes them all again
        /// (queued for replay on an outage, or one by one to find the one the store refuses), so a store either writes all or
        /// none (SQLite: one transaction) or writes idempotently (Redis: <c>SET</c> overwrites) so a part written twice is harmless.
        /// </summary>
        void PutMany(IReadOnlyList<SslSession> sessions, DateTimeOffset now);
    }
}
