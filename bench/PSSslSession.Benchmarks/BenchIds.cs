namespace PSSslSession.Benchmarks
{
    /// <summary>
    /// Session ids and query order shared with the C harness (bench/native/sessbench.c: mix64, id_for,
    /// query_index): both sides cache and look up exactly the same 32-byte ids.
    /// </summary>
    internal static class BenchIds
    {
        /// <summary>Length of every benchmark id (SSL3_SSL_SESSION_ID_LENGTH).</summary>
        public const int Length = 32;

        /// <summary>SplitMix64 finaliser.</summary>
        public static ulong Mix64(ulong z)
        {
            unchecked
            {
                z += 0x9E3779B97F4A7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }
        }

        /// <summary>Id number <paramref name="counter"/>: little-endian words of Mix64(4c + j), j = 0..3.</summary>
        public static byte[] IdFor(ulong counter)
        {
            var id = new byte[Length];
            for (int j = 0; j < 4; j++)
            {
                ulong w = Mix64(unchecked(counter * 4 + (ulong)j));
                for (int b = 0; b < 8; b++) id[j * 8 + b] = (byte)(w >> (8 * b));
            }
            return id;
        }

        /// <summary>Query number <paramref name="k"/> of stream <paramref name="seed"/>: an index below <paramref name="range"/>.</summary>
        public static ulong QueryIndex(ulong seed, ulong k, ulong range) => Mix64(unchecked(seed * 0x100000000UL + k)) % range;
    }
}
