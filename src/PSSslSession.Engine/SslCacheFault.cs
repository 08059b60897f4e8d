using System;
using PSSslSession.Codec;

namespace PSSslSession.Engine
{
    /// <summary>Where a fault came from.</summary>
    public enum SslCacheFaultSource
    {
        NewCallback,
        RemoveCallback,
        GetCallback,
        Store,
    }

    /// <summary>
    /// A failure that did not stop a cache operation: a throwing callback or an unreachable store.
    /// The operation completed and the cache is consistent; the caller decides how to report it
    /// (for example as a warning or a non-fatal error).
    /// </summary>
    public sealed class SslCacheFault
    {
        public SslCacheFault(SslCacheFaultSource source, Exception exception, SslSession? session, string contextName = "", bool isTransient = false)
        {
            IsTransient = isTransient;
            Source = source;
            Exception = exception ?? throw new ArgumentNullException(nameof(exception));
            Session = session;
            ContextName = contextName ?? "";
        }

        public SslCacheFaultSource Source { get; }
        public Exception Exception { get; }

        /// <summary>The session concerned, when there is one.</summary>
        public SslSession? Session { get; }

        /// <summary>The context whose operation met the fault.</summary>
        public string ContextName { get; }

        /// <summary>For a store fault: the store, as it describes itself ("Redis 127.0.0.1:6379/0 (mod_ssl-sess:*)").</summary>
        public string? Store { get; internal set; }

        /// <summary>For a store fault: the store was unreachable, busy or slow, and may answer again.</summary>
        public bool IsTransient { get; internal set; }

        /// <summary>For a store fault: writes of this operation kept for replay when the store answers again.</summary>
        public int QueuedWrites { get; internal set; }

        /// <summary>For a store fault: writes of this operation that are lost (backlog full, or refused by the store for good).</summary>
        public int DroppedWrites { get; internal set; }

        /// <summary>
        /// A store fault about the store's availability or this operation's writes (it did not answer, or writes were
        /// lost), as opposed to one failed read of a store that answered: the former is summed per call by a caller.
        /// </summary>
        public bool IsStoreOutageOrLoss => Source == SslCacheFaultSource.Store && (IsTransient || DroppedWrites > 0);

        /// <summary>What failed, naming the event or store and the context: "The Remove callback of context 'web' failed: …".</summary>
        public string Message
        {
            get
            {
                var what = Source == SslCacheFaultSource.Store ? "The session store" : $"The {EventName} callback";
                return $"{what} of context '{ContextName}' failed: {Exception.Message}";
            }
        }

        private string EventName =>
            Source == SslCacheFaultSource.NewCallback ? "New" : Source == SslCacheFaultSource.RemoveCallback ? "Remove" : "Get";

        public override string ToString() => Message;
    }
}
