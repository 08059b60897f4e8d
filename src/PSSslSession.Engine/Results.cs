using System;
using System.Collections.Generic;
using PSSslSession.Codec;

namespace PSSslSession.Engine
{
    /// <summary>Common part of every cache operation's result: faults that did not stop it.</summary>
    public abstract class SslCacheOperationResult
    {
        private static readonly IReadOnlyList<SslCacheFault> None = Array.Empty<SslCacheFault>();

        protected SslCacheOperationResult(IReadOnlyList<SslCacheFault>? faults) { Faults = faults ?? None; }

        /// <summary>Callback or store failures that happened during the operation.</summary>
        public IReadOnlyList<SslCacheFault> Faults { get; }
    }

    /// <summary>Result of <see cref="SslContext.Add"/> (<c>SSL_CTX_add_session</c>).</summary>
    public sealed class AddSessionResult : SslCacheOperationResult
    {
        public AddSessionResult(bool added, SslSession? replaced, IReadOnlyList<SslSession> evicted, IReadOnlyList<SslCacheFault>? faults, bool tooLarge = false)
            : base(faults)
        {
            Added = added;
            Replaced = replaced;
            Evicted = evicted;
            TooLarge = tooLarge;
        }

        /// <summary>A new entry that replaced and evicted nothing, without faults (shared: results are immutable).</summary>
        internal static readonly AddSessionResult NewEntry = new AddSessionResult(true, null, Array.Empty<SslSession>(), null);

        /// <summary>
        /// Not cached and not stored: the session's DER (<see cref="SslSession.EncodedLength"/>) is over the context's
        /// MaxSessionSize or its whole MaxBytes budget (counted in TooLarge). <see cref="Added"/> is false.
        /// </summary>
        public bool TooLarge { get; }

        /// <summary>True for a new entry (also when it replaced another instance with the same key); false when this very instance was already cached (OpenSSL returns 0).</summary>
        public bool Added { get; }

        /// <summary>The different instance with the same key that this add replaced, or null (no remove callback fires for it, as in OpenSSL).</summary>
        public SslSession? Replaced { get; }

        /// <summary>Sessions evicted to make room (each counted in CacheFull).</summary>
        public IReadOnlyList<SslSession> Evicted { get; }
    }

    /// <summary>Result of <see cref="SslContext.Remove(SslSession)"/> (<c>SSL_CTX_remove_session</c>).</summary>
    public sealed class RemoveSessionResult : SslCacheOperationResult
    {
        public RemoveSessionResult(IReadOnlyList<SslSession> removed, IReadOnlyList<SslCacheFault>? faults) : base(faults) { RemovedSessions = removed; }

        /// <summary>True when an entry was removed (OpenSSL returns 1).</summary>
        public bool Removed => RemovedSessions.Count > 0;

        /// <summary>The cached instances that left the cache (several only when removing an id under every protocol).</summary>
        public IReadOnlyList<SslSession> RemovedSessions { get; }
    }

    /// <summary>Result of a flush (<c>SSL_CTX_flush_sessions</c>).</summary>
    public sealed class FlushResult : SslCacheOperationResult
    {
        public FlushResult(IReadOnlyList<SslSession> removed, IReadOnlyList<SslCacheFault>? faults) : base(faults) { Removed = removed; }

        /// <summary>Sessions flushed, earliest expiry first.</summary>
        public IReadOnlyList<SslSession> Removed { get; }
    }

    /// <summary>Result of <see cref="SslContext.CompleteHandshake"/> (<c>ssl_update_cache</c>).</summary>
    public sealed class HandshakeResult : SslCacheOperationResult
    {
        public HandshakeResult(bool cached, bool newCallbackCalled, bool storedExternally, FlushResult? autoFlush, IReadOnlyList<SslCacheFault>? faults, bool tooLarge = false)
            : base(faults)
        {
            Cached = cached;
            TooLarge = tooLarge;
            NewCallbackCalled = newCallbackCalled;
            StoredExternally = storedExternally;
            AutoFlush = autoFlush;
        }

        /// <summary>The session went into the internal cache.</summary>
        public bool Cached { get; }

        /// <summary>Neither cached nor stored: over the context's MaxSessionSize or its whole MaxBytes budget (counted in TooLarge).</summary>
        public bool TooLarge { get; }

        /// <summary>The new-session callbacks were invoked.</summary>
        public bool NewCallbackCalled { get; }

        /// <summary>The session was written to the attached store.</summary>
        public bool StoredExternally { get; }

        /// <summary>The every-255 auto-clear ran during this handshake, with what it flushed; else null.</summary>
        public FlushResult? AutoFlush { get; }
    }

    /// <summary>Result of a server resume lookup (<see cref="SslContext.Lookup"/>).</summary>
    public sealed class SslLookupResult : SslCacheOperationResult
    {
        public SslLookupResult(SslLookupOutcome outcome, SessionId sessionId, SslSession? session, IReadOnlyList<SslCacheFault>? faults)
            : base(faults)
        {
            Outcome = outcome;
            _sessionId = sessionId;
            Session = session;
        }

        /// <summary>Why the session did or did not resume.</summary>
        public SslLookupOutcome Outcome { get; }

        private readonly SessionId _sessionId;

        /// <summary>The id that was looked up, as uppercase hex.</summary>
        public string SessionId => _sessionId.ToString();

        /// <summary>The id that was looked up, as a value.</summary>
        public SessionId GetSessionId() => _sessionId;

        /// <summary>The session found (also for Expired/ContextMismatch/VersionMismatch), or null on Miss.</summary>
        public SslSession? Session { get; }

        /// <summary>True for Hit and CallbackHit.</summary>
        public bool Resumed => Outcome == SslLookupOutcome.Hit || Outcome == SslLookupOutcome.CallbackHit;
    }
}
