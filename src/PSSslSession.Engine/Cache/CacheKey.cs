using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using PSSslSession.Codec;

namespace PSSslSession.Engine.Cache
{
    /// <summary>
    /// The cache key of OpenSSL's session hash: (protocol version, session id bytes). The same id under two
    /// versions is two keys (§B.1). The hash covers every id byte (OpenSSL hashes only the first four, which
    /// collapses ids that share a prefix such as "www-18") and is seeded per process against hash flooding,
    /// since clients choose the ids a server looks up. Allocation-free: it wraps the id's own array.
    /// </summary>
    internal readonly struct CacheKey : IEquatable<CacheKey>
    {
        private static readonly ulong Seed = NewSeed();

        public readonly SessionId Id;
        public readonly int Protocol;
        private readonly int _hash;

        public CacheKey(int protocol, SessionId id)
        {
            Protocol = protocol;
            Id = id;
            _hash = Hash(protocol, id.Span);
        }

        public static CacheKey Of(SslSession session) => new CacheKey(session.ProtocolNumber, session.Id);

        public bool Equals(CacheKey other) =>
            _hash == other._hash && Protocol == other.Protocol && Id.Span.SequenceEqual(other.Id.Span);

        public override bool Equals(object? obj) => obj is CacheKey k && Equals(k);

        public override int GetHashCode() => _hash;

        private static int Hash(int protocol, ReadOnlySpan<byte> id)
        {
            unchecked
            {
                const ulong prime = 0x100000001B3UL;
                ulong h = Seed ^ ((ulong)(uint)protocol << 8) ^ (ulong)id.Length;
                int i = 0;
                for (; i + 8 <= id.Length; i += 8)
                    h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(id.Slice(i))) * prime + 0x9E3779B97F4A7C15UL;
                for (; i < id.Length; i++)
                    h = (h ^ id[i]) * prime;
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
