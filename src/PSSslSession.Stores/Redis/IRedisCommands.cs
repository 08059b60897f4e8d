using System;
using System.Collections.Generic;

namespace PSSslSession.Stores.Redis
{
    /// <summary>
    /// The commands <see cref="RedisSessionStore"/> needs, implemented over StackExchange.Redis in the separate assembly
    /// PSSslSession.Stores.Redis (loaded in isolation by the module, see <see cref="RedisCommandsLoader"/>). Only plain types
    /// cross this boundary, so the client's dependencies stay on its side. Every failure is a <see cref="SessionStoreException"/>.
    /// </summary>
    internal interface IRedisCommands : IDisposable
    {
        /// <summary>A server answers now (connects first if needed).</summary>
        void Ping();

        /// <summary>
        /// <c>SET key value EX ttl</c> for each row, pipelined (one round trip per page of rows, not per row). Not atomic: when
        /// it throws, some rows may be written; each SET is idempotent, so writing them all again is safe.
        /// </summary>
        void SetMany(IReadOnlyList<byte[]> keys, IReadOnlyList<byte[]> values, IReadOnlyList<long> ttlSeconds);

        /// <summary><c>GET key</c>; null when absent.</summary>
        byte[]? Get(byte[] key);

        /// <summary><c>DEL key</c>; true when a key was deleted.</summary>
        bool Delete(byte[] key);

        /// <summary>
        /// Every key matching <paramref name="pattern"/> (<c>SCAN … MATCH … COUNT</c> on every primary of a cluster) with its
        /// value, null when the key went away between SCAN and GET. A key may come more than once.
        /// </summary>
        IEnumerable<KeyValuePair<byte[], byte[]?>> Scan(byte[] pattern, int pageSize);

        /// <summary>At least one server is connected now (no network traffic).</summary>
        bool IsConnected { get; }

        /// <summary>Every primary that serves keys is connected now (no network traffic): an outage is over.</summary>
        bool IsHealthy { get; }

        /// <summary>Connections opened so far (the first and each one restored after a failure).</summary>
        int ConnectCount { get; }
    }
}
