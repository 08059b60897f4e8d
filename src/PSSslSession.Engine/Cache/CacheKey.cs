using System;
using System.Buffers.Binary;
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

        private readonly ulong _w0, _w1, _w2, _w3;
        private readonly int _hash;
        // Protocol << 8 | id length: one word, so the key is 40 bytes (TLS and DTLS versions are 16-bit numbers).
        private readonly int _protocolAndLength;

        public CacheKey(int protocol, SessionId id) : this(protocol, id.Span) { }

        public CacheKey(int protocol, ReadOnlySpan<byte> id)
        {
            if (id.Length > SessionId.MaxLength)
                throw new ArgumentException($"A session id holds at most {SessionId.MaxLength} bytes; {id.Length} were given.", nameof(id));
            // A number outside 16 bits cannot be any cached session's (the codec refuses it), so all such keys share
            // one negative class that no cached key has: lookups under them miss, as they should.
            _protocolAndLength = ((protocol & 0xFFFF) == protocol ? protocol << 8 : int.MinValue) | id.Length;
            if (id.Length == SessionId.MaxLength)
            {
                _w0 = BinaryPrimitives.ReadUInt64LittleEndian(id);
                _w1 = BinaryPrimitives.ReadUInt64LittleEndian(id.Slice(8));
                _w2 = BinaryPrimitives.ReadUInt64LittleEndian(id.Slice(16));
                _w3 = BinaryPrimitives.ReadUInt64LittleEndian(id.Slice(24));
            }
            else
            {
                // Zero-padded; the length is part of the key, so ids that differ only by trailing zeros stay apart.
                Span<byte> padded = stackalloc byte[SessionId.MaxLength];
                padded.Clear();
                id.CopyTo(padded);
                _w0 = BinaryPrimitives.ReadUInt64LittleEndian(padded);
                _w1 = BinaryPrimitives.ReadUInt64LittleEndian(padded.Slice(8));
                _w2 = BinaryPrimitives.ReadUInt64LittleEndian(padded.Slice(16));
                _w3 = BinaryPrimitives.ReadUInt64LittleEndian(padded.Slice(24));
            }
            _hash = Hash(protocol, id.Length, _w0, _w1, _w2, _w3);
        }

        public static CacheKey Of(SslSession session) => new CacheKey(session.ProtocolNumber, session.Id.Span);

        /// <summary>The id's length in bytes.</summary>
        public int Length => _protocolAndLength & 0xFF;

        public bool Equals(CacheKey other) =>
            _hash == other._hash && _protocolAndLength == other._protocolAndLength &&
            _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;

        public override bool Equals(object? obj) => obj is CacheKey k && Equals(k);

        public override int GetHashCode() => _hash;

        private static int Hash(int protocol, int length, ulong w0, ulong w1, ulong w2, ulong w3)
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
