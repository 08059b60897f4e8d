using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace PSSslSession.Stores.Redis
{
    /// <summary>
    /// The store's commands over one StackExchange.Redis multiplexer: a single server or a cluster (topology discovered from
    /// the servers given, MOVED/ASK and failovers followed by the client). The multiplexer is created on first use and
    /// never aborts on a failed connect; it reconnects in the background while commands fail fast (no backlog), which is
    /// what lets <see cref="RedisOutageGate"/> report an outage once and answer every later call at once.
    /// </summary>
    internal sealed class StackExchangeRedisCommands : IRedisCommands
    {
        private const int PipelinePage = 1000;

        private readonly RedisStoreOptions _options;
        private readonly object _connectGate = new object();
        private ConnectionMultiplexer? _multiplexer;
        private SessionStoreException? _misconfigured;
        private volatile string? _authRefusal;
        private volatile string? _tlsRefusal;
        private int _connectCount;
        private volatile bool _disposed;

        public StackExchangeRedisCommands(RedisStoreOptions options)
        {
            _options = options;
        }

        public int ConnectCount => Volatile.Read(ref _connectCount);

        public bool IsConnected => _multiplexer?.IsConnected == true;

        public bool IsHealthy
        {
            get
            {
                var mux = _multiplexer;
                if (mux == null || !mux.IsConnected) return false;
                // A primary the client cannot reach matters while it still serves keys (on a cluster: owns slots).
                foreach (var server in ServingPrimaries(mux))
                    if (!server.IsConnected) return false;
                return true;
            }
        }

        public void Ping() => Run("PING", mux =>
        {
            var primaries = mux.GetServers().Where(s => s.IsConnected && !s.IsReplica).ToList();
            if (primaries.Count == 0) mux.GetDatabase().Ping();
            foreach (var server in primaries) server.Ping();
            return true;
        });

        public void SetMany(IReadOnlyList<byte[]> keys, IReadOnlyList<byte[]> values, IReadOnlyList<long> ttlSeconds) => Run("SET", mux =>
        {
            var db = Database(mux);
            // A page at a time bounds the commands in flight; a cluster's client routes each key to its own slot's primary.
            for (int start = 0; start < keys.Count; start += PipelinePage)
            {
                var count = Math.Min(PipelinePage, keys.Count - start);
                var sets = new Task<bool>[count];
                for (int i = 0; i < count; i++)
                    sets[i] = db.StringSetAsync(keys[start + i], values[start + i], TimeSpan.FromSeconds(ttlSeconds[start + i]));
                db.WaitAll(sets);
                foreach (var set in sets)
                    if (!set.Result)
                        throw new SessionStoreException(SessionStoreError.ProtocolError, $"Redis at {_options.Location} did not answer SET with OK.");
            }
            return true;
        });

        public byte[]? Get(byte[] key) => Run("GET", mux => (byte[]?)Database(mux).StringGet(key));

        public bool Delete(byte[] key) => Run("DEL", mux => Database(mux).KeyDelete(key));

        public IEnumerable<KeyValuePair<byte[], byte[]?>> Scan(byte[] pattern, int pageSize) => Run("SCAN", mux =>
        {
            var db = Database(mux);
            var result = new List<KeyValuePair<byte[], byte[]?>>();
            foreach (var server in Primaries(mux))
            {
                // One GET per key, pipelined a page at a time: keys of a cluster node span many slots, MGET cannot.
                foreach (var page in Pages(server.Keys(_options.Database, pattern, pageSize), pageSize))
                {
                    var gets = page.Select(k => db.StringGetAsync(k)).ToArray();
                    db.WaitAll(gets);
                    for (int i = 0; i < page.Count; i++) result.Add(new KeyValuePair<byte[], byte[]?>(page[i]!, gets[i].Result));
                }
            }
            return (IEnumerable<KeyValuePair<byte[], byte[]?>>)result;
        });

        public void Dispose()
        {
            ConnectionMultiplexer? mux;
            lock (_connectGate)
            {
                _disposed = true;
                mux = _multiplexer;
                _multiplexer = null;
            }
            mux?.Dispose();
        }

        private T Run<T>(string command, Func<ConnectionMultiplexer, T> action)
        {
            try
            {
                return action(Multiplexer());
            }
            catch (Exception e) when (!(e is SessionStoreException))
            {
                var failure = RedisFailure.From(e, command, _options);
                // "No connection is available" often carries no cause; a refused AUTH seen while connecting is the cause.
                string? refusal;
                if (failure.Reason == SessionStoreError.Unreachable && (refusal = _tlsRefusal) != null)
                    failure = RedisFailure.TlsRefused(refusal, _options, e);
                else if (failure.Reason == SessionStoreError.Unreachable && (refusal = _authRefusal) != null)
                    failure = RedisFailure.AuthRefused(refusal, command, _options, e);
                throw failure;
            }
        }

        private ConnectionMultiplexer Multiplexer()
        {
            lock (_connectGate)
            {
                if (_disposed) throw new SessionStoreException(SessionStoreError.Disposed, $"The Redis session store for {_options.Location} was disposed.");
                if (_misconfigured != null) throw _misconfigured;
                if (_multiplexer == null)
                {
                    var log = new System.IO.StringWriter(CultureInfo.InvariantCulture);
                    var mux = ConnectionMultiplexer.Connect(Configuration(), log);
                    var refusal = AuthRefusalIn(log.ToString());
                    // The client says AuthenticationFailure for a refused AUTH and for a refused TLS handshake alike.
                    if (refusal != null && IsTls(refusal)) _tlsRefusal = refusal;
                    else _authRefusal = refusal;
                    mux.ConnectionFailed += (_, e) =>
                    {
                        if (e.FailureType != ConnectionFailureType.AuthenticationFailure) return;
                        var tls = Innermost(e.Exception) as System.Security.Authentication.AuthenticationException;
                        if (tls != null) _tlsRefusal = tls.Message;
                        else _authRefusal = e.Exception?.Message ?? "authentication failed";
                    };
                    mux.ConnectionRestored += (_, _) =>
                    {
                        _authRefusal = null;
                        _tlsRefusal = null;
                        Interlocked.Increment(ref _connectCount);
                    };
                    _connectCount += mux.GetServers().Count(s => s.IsConnected);
                    _multiplexer = mux;
                }
                CheckDatabase(_multiplexer);
                return _multiplexer;
            }
        }

        /// <summary>A cluster has only database 0: another one is refused for good, before any key is written.</summary>
        private void CheckDatabase(ConnectionMultiplexer mux)
        {
            if (_options.Database == 0) return;
            if (!mux.GetServers().Any(s => s.IsConnected && s.ServerType == ServerType.Cluster)) return;
            _misconfigured = new SessionStoreException(SessionStoreError.Unsupported,
                $"Redis at {_options.Location} is a Redis Cluster, which has only database 0; database {_options.Database.ToString(CultureInfo.InvariantCulture)} cannot be selected.");
            throw _misconfigured;
        }

        private IDatabase Database(ConnectionMultiplexer mux) => mux.GetDatabase(_options.Database);

        private ConfigurationOptions Configuration()
        {
            var config = new ConfigurationOptions
            {
                AbortOnConnectFail = false,
                BacklogPolicy = BacklogPolicy.FailFast,
                ConnectTimeout = Milliseconds(_options.ConnectTimeout),
                SyncTimeout = Milliseconds(_options.OperationTimeout),
                AsyncTimeout = Milliseconds(_options.OperationTimeout),
                ConnectRetry = 1,
                ReconnectRetryPolicy = new ExponentialRetry(Milliseconds(_options.ReconnectDelay), Math.Max(Milliseconds(_options.ReconnectDelay), Milliseconds(_options.MaxReconnectDelay))),
                DefaultDatabase = _options.Database,
                ClientName = "PSSslSession",
                User = _options.Password != null ? _options.UserName : null,
                Password = _options.Password,
                Ssl = _options.UseTls,
                SslHost = _options.UseTls ? _options.TlsServerName ?? _options.Host : null,
                // A failover shows up as a lost connection; a short check interval refreshes the topology soon after.
                ConfigCheckSeconds = 5,
                IncludeDetailInExceptions = true,
            };
            if (_options.UseTls && _options.CertificateValidation != null) config.CertificateValidation += _options.CertificateValidation;
            foreach (var server in _options.Servers) config.EndPoints.Add(server.Host, server.Port);
            return config;
        }

        private static IEnumerable<IServer> Primaries(ConnectionMultiplexer mux)
        {
            var primaries = ServingPrimaries(mux);
            var unreachable = primaries.FirstOrDefault(s => !s.IsConnected);
            if (unreachable != null)
                throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, $"The primary {unreachable.EndPoint} is not connected, so its keys cannot be listed.");
            return primaries;
        }

        /// <summary>
        /// The primaries that hold keys: on a cluster the nodes the current slot map gives slots (a seed that never answered,
        /// or a failed primary whose replica took over, is not one); otherwise every server that is not a replica.
        /// </summary>
        private static List<IServer> ServingPrimaries(ConnectionMultiplexer mux)
        {
            var servers = mux.GetServers();
            var map = servers.Where(s => s.IsConnected && s.ServerType == ServerType.Cluster).Select(s => s.ClusterConfiguration).FirstOrDefault(c => c != null);
            if (map == null) return servers.Where(s => !s.IsReplica).ToList();
            return servers.Where(s => map.Nodes.Any(n => Equals(n.EndPoint, s.EndPoint) && !n.IsReplica && n.Slots.Count > 0 && !n.IsFail)).ToList();
        }

        private static IEnumerable<List<RedisKey>> Pages(IEnumerable<RedisKey> keys, int size)
        {
            var page = new List<RedisKey>(size);
            foreach (var key in keys)
            {
                page.Add(key);
                if (page.Count == size) { yield return page; page = new List<RedisKey>(size); }
            }
            if (page.Count > 0) yield return page;
        }

        /// <summary>The connect log's line about a refused AUTH (NOAUTH, WRONGPASS, AuthenticationFailure), or null.</summary>
        private static string? AuthRefusalIn(string log)
        {
            foreach (var line in log.Split('\n'))
                if (line.IndexOf("AuthenticationFailure", StringComparison.Ordinal) >= 0 || line.IndexOf("NOAUTH", StringComparison.Ordinal) >= 0 ||
                    line.IndexOf("WRONGPASS", StringComparison.Ordinal) >= 0)
                    return line.Trim();
            return null;
        }

        /// <summary>Over TLS, an AuthenticationFailure without a NOAUTH/WRONGPASS reply is the TLS handshake's.</summary>
        private bool IsTls(string text) =>
            _options.UseTls && text.IndexOf("NOAUTH", StringComparison.Ordinal) < 0 && text.IndexOf("WRONGPASS", StringComparison.Ordinal) < 0;

        private static Exception? Innermost(Exception? e)
        {
            while (e?.InnerException != null) e = e.InnerException;
            return e;
        }

        private static int Milliseconds(TimeSpan t) => t <= TimeSpan.Zero ? 1 : (int)Math.Min(int.MaxValue, Math.Ceiling(t.TotalMilliseconds));
    }
}
