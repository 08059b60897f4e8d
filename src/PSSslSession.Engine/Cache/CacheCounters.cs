using System.Runtime.InteropServices;
using System.Threading;

namespace PSSslSession.Engine.Cache
{
    /// <summary>A counter alone on its cache line, so that threads bumping different counters do not contend.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    internal struct PaddedCounter
    {
        [FieldOffset(64)] public long Value;

        public long Read() => Volatile.Read(ref Value);
    }

    /// <summary>
    /// OpenSSL's "tsan counters" (§B.11) plus the engine's own: updated with Interlocked, read without a lock,
    /// never reset.
    /// </summary>
    internal sealed class CacheCounters
    {
        public PaddedCounter Connect, ConnectGood, ConnectRenegotiate;
        public PaddedCounter Accept, AcceptGood, AcceptRenegotiate;
        public PaddedCounter Hits, CallbackHits, Misses, Timeouts, CacheFull;
        public PaddedCounter Flushes, AutoClearRuns;
        public PaddedCounter StoreHits, StoreMisses, StoreErrors;

        public static void Increment(ref PaddedCounter counter) => Interlocked.Increment(ref counter.Value);

        public static void Add(ref PaddedCounter counter, long value) => Interlocked.Add(ref counter.Value, value);
    }
}
