using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using PSSslSession.Codec;

namespace PSSslSession.Engine.Cache
{
    /// <summary>
    /// The cache key of OpenSSL's session hash: (protocol version, session id bytes). The same id under two
    /// versions is two keys (§B.1). The id's at most 32 bytes are held inline as four words, so comparing keys in the
    /// index never leaves the key for an array. The hash covers every id byte (OpenSSL hashes only the first four,
    /// which collapses ids that share a prefix such as "www-18") and is seeded per process against hash flooding,
    /// since clients choose the ids a server looks up.
    /// </summary>
    internal readonly struct CacheKey : IEquatable<CacheKey>
    {
        private static readonly ulong Seed = NewSeed();

        /// <summary>Bits of <see cref="Packed"/> that hold the id length (0–32).</summary>
        internal const int LengthBits = 6;

        /// <summary>Bits of <see cref="Packed"/> a cached session's key can use: 16-bit protocol, 6-bit length.</summary>
        internal const int PackedMask = (1 << (16 + LengthBits)) - 1;

        /// <summary>The id's bytes as four little-endian words, zero-padded.</summary>
        internal readonly ulong W0, W1, W2, W3;

        /// <summary>The seeded hash of protocol, length and every id byte.</summary>
        internal readonly int Hash;

        /// <summary>
        /// Protocol &lt;&lt; 6 | id length in the low 22 bits (TLS and DTLS versions are 16-bit numbers). A protocol
        /// number outside 16 bits sets bit 31 instead: no cached session has such a key, so lookups under it miss.
        /// </summary>
        internal readonly int Packed;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public CacheKey(int protocol, SessionId id) : this(protocol, id.Span) { }

        // Inlined: every lookup builds a key, and a call would copy the 40-byte result once more.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public CacheKey(int protocol, ReadOnlySpan<byte> id)
        {
            Packed = Pack(protocol, id.Length);
            if (id.Length == SessionId.MaxLength)
            {
                // The common case, kept free of the padding path's stack buffer: every lookup builds a key.
                W0 = BinaryPrimitives.ReadUInt64LittleEndian(id);
                W1 = BinaryPrimitives.ReadUInt64LittleEndian(id.Slice(8));
                W2 = BinaryPrimitives.ReadUInt64LittleEndian(id.Slice(16));
                W3 = BinaryPrimitives.ReadUInt64LittleEndian(id.Slice(24));
            }
            else
            {
                ReadPadded(id, out W0, out W1, out W2, out W3);
            }
            Hash = ComputeHash(protocol, id.Length, W0, W1, W2, W3);
        }

        /// <summary>
        /// A shorter id, zero-padded; the length is part of the key, so ids that differ only by trailing zeros stay
        /// apart.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ReadPadded(ReadOnlySpan<byte> id, out ulong w0, out ulong w1, out ulong w2, out ulong w3)
        {
            if (id.Length > SessionId.MaxLength)
                throw new ArgumentException($"A session id holds at most {SessionId.MaxLength} bytes; {id.Length} were given.", nameof(id));
            Span<byte> padded = stackalloc byte[SessionId.MaxLength];
            padded.Clear();
            id.CopyTo(padded);
            w0 = BinaryPrimitives.ReadUInt64LittleEndian(padded);
            w1 = BinaryPrimitives.ReadUInt64LittleEndian(padded.Slice(8));
            w2 = BinaryPrimitives.ReadUInt64LittleEndian(padded.Slice(16));
            w3 = BinaryPrimitives.ReadUInt64LittleEndian(padded.Slice(24));
        }

        /// <summary>A key from the parts a <see cref="SessionIndex"/> slot stores (<see cref="Packed"/> and the words).</summary>
        internal CacheKey(int packed, ulong w0, ulong w1, ulong w2, ulong w3)
        {
            Packed = packed;
            W0 = w0;
            W1 = w1;
            W2 = w2;
            W3 = w3;
            Hash = ComputeHash((packed & PackedMask) >> LengthBits, Length, w0, w1, w2, w3);
        }

        /// <summary>
        /// The <see cref="Packed"/> word of a protocol and an id length. A number outside 16 bits cannot be any cached
        /// session's (the codec refuses it), so all such keys share one negative class that no cached key has: lookups
        /// under them miss, as they should.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static int Pack(int protocol, int length) =>
            ((protocol & 0xFFFF) == protocol ? protocol << LengthBits : int.MinValue) | length;

        public static CacheKey Of(SslSession session) => new CacheKey(session.ProtocolNumber, session.Id.Span);

        /// <summary>The id's length in bytes.</summary>
        public int Length => Packed & ((1 << LengthBits) - 1);

        public bool Equals(CacheKey other) =>
            Hash == other.Hash && Packed == other.Packed &&
            W0 == other.W0 && W1 == other.W1 && W2 == other.W2 && W3 == other.W3;

        public override bool Equals(object? obj) => obj is CacheKey k && Equals(k);

        public override int GetHashCode() => Hash;

        /// <summary>The hash of a key given by its parts (the slot table rehashes from the words it stores).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static int ComputeHash(int protocol, int length, ulong w0, ulong w1, ulong w2, ulong w3)
        {
            unchecked
            {
                const ulong prime = 0x100000001B3UL;
                const ulong odd = 0x9E3779B97F4A7C15UL;
                ulong h = Seed ^ ((ulong)(uint)protocol << 8) ^ (ulong)length;
                h = (h ^ w0) * prime + odd;
                h = (h ^ w1) * prime + odd;
                h = (h ^ w2) * prime + odd;
                h = (h ^ w3) * prime + odd;
                h ^= h >> 33;
                h *= 0xFF51AFD7ED558CCDUL;
                h ^= h >> 33;
                return (int)h ^ (int)(h >> 32);
            }
        }

        private static ulong NewSeed()
        {
            var bytes = new byte[8];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
            return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        }
    }
}
