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
    /// A counter bumped by every resume lookup, in cells so that lookups on several cores neither fight over one cache
    /// line nor pay for a locked instruction. A thread whose managed id is below <see cref="OwnedCells"/> has a cell of
    /// its own and bumps it with a plain store (it is the only writer; a locked increment would also wait for all the
    /// thread's earlier memory accesses, so consecutive lookups could not overlap their cache misses). Other threads
    /// share the remaining cells with Interlocked. Reads sum the cells (relaxed, like OpenSSL's counters).
    /// </summary>
    /// <remarks>Managed ids are reused only after their thread ended, so an owned cell never has two writers at once.</remarks>
    internal sealed class StripedCounter
    {
        internal const int OwnedCells = 64;
        private const int SharedCells = 8; // power of two
        private readonly PaddedCounter[] _cells = new PaddedCounter[OwnedCells + SharedCells];

        public void Increment()
        {
            int thread = Environment.CurrentManagedThreadId;
            if ((uint)thread < OwnedCells)
            {
                ref long owned = ref _cells[thread].Value;
                Volatile.Write(ref owned, owned + 1);
            }
            else Interlocked.Increment(ref _cells[OwnedCells + (thread & (SharedCells - 1))].Value);
        }

        public long Read()
        {
            long sum = 0;
            for (int i = 0; i < _cells.Length; i++) sum += Volatile.Read(ref _cells[i].Value);
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
