using System;
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
    /// A counter bumped by every resume lookup: split into padded cells picked by thread, so that lookups on many
    /// cores do not all fight over one cache line. Reads sum the cells (relaxed, like OpenSSL's counters).
    /// </summary>
    internal sealed class StripedCounter
    {
        private const int Cells = 16; // power of two
        private readonly PaddedCounter[] _cells = new PaddedCounter[Cells];

        public void Increment() => Interlocked.Increment(ref _cells[Environment.CurrentManagedThreadId & (Cells - 1)].Value);

        public long Read()
        {
            long sum = 0;
            for (int i = 0; i < Cells; i++) sum += Volatile.Read(ref _cells[i].Value);
            return sum;
        }
    }

    /// <summary>
    /// OpenSSL's "tsan counters" (§B.11) plus the engine's own: updated with Interlocked, read without a lock,
    /// never reset.
    /// </summary>
    internal sealed class CacheCounters
    {
        public PaddedCounter Connect, ConnectGood, ConnectRenegotiate;
        public PaddedCounter Accept, AcceptGood, AcceptRenegotiate;
        public readonly StripedCounter Hits = new StripedCounter(), Misses = new StripedCounter();
        public PaddedCounter CallbackHits, Timeouts, CacheFull, TooLarge;
        public PaddedCounter Flushes, AutoClearRuns;
        public PaddedCounter StoreHits, StoreMisses, StoreErrors;

        public static void Increment(ref PaddedCounter counter) => Interlocked.Increment(ref counter.Value);

        public static void Add(ref PaddedCounter counter, long value) => Interlocked.Add(ref counter.Value, value);
    }
}
