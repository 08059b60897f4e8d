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
    /// (the cmdlets write a non-terminating error).
    /// </summary>
    public sealed class SslCacheFault
    {
        public SslCacheFault(SslCacheFaultSource source, Exception exception, SslSession? session)
        {
            Source = source;
            Exception = exception;
            Session = session;
        }

        public SslCacheFaultSource Source { get; }
        public Exception Exception { get; }
        public SslSession? Session { get; }

        public override string ToString() => $"{Source}: {Exception.Message}";
    }
}
