using System;
using System.Diagnostics;
using System.Globalization;

namespace PSSslSession.Stores.Redis
{
    /// <summary>
    /// One lazily opened Redis connection guarded by a lock, with reconnect back-off. After a failure the
    /// connection is dropped and at most one reconnect is attempted per back-off interval (doubling up to
    /// <see cref="RedisStoreOptions.MaxReconnectDelay"/>), so an outage costs each call only a check of the clock.
    /// The first failure of an outage is thrown as what it is (Unreachable, Timeout, IoError, ProtocolError);
    /// every later failure until a command succeeds again is thrown as <see cref="SessionStoreError.Unavailable"/>,
    /// which fails fast; a context counts it as a store error without reporting the outage again.
    /// </summary>
    internal sealed class RedisClient : IDisposable
    {
        private readonly RedisStoreOptions _options;
        private readonly Func<RedisStoreOptions, RespConnection> _connect;
        private readonly object _gate = new object();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private RespConnection? _connection;
        private TimeSpan _nextAttemptAt = TimeSpan.Zero;
        private TimeSpan _delay;
        private DateTimeOffset? _downSince;
        private string? _lastFailure;
        private bool _disposed;

        public RedisClient(RedisStoreOptions options, Func<RedisStoreOptions, RespConnection>? connect = null)
        {
            _options = options;
            _connect = connect ?? RespConnection.Open;
            _delay = options.ReconnectDelay;
        }

        /// <summary>Number of connections opened so far (diagnostics and tests).</summary>
        public int ConnectCount { get; private set; }

        /// <summary>"Connected", "Not connected yet", or "Disconnected since …: reason; next attempt in n s".</summary>
        public string State
        {
            get
            {
                lock (_gate)
                {
                    if (_disposed) return "Disposed";
                    if (_downSince != null)
                    {
                        var wait = _nextAttemptAt - _clock.Elapsed;
                        return $"Disconnected since {_downSince.Value.ToString("u", CultureInfo.InvariantCulture)}: {_lastFailure}" +
                               (wait > TimeSpan.Zero ? $"; next attempt in {Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s" : "; next call reconnects");
                    }
                    return _connection != null ? "Connected" : "Not connected yet";
                }
            }
        }

        /// <summary>Runs one command; <paramref name="check"/> validates the reply type (a false return drops the connection).</summary>
        /// <exception cref="SessionStoreException">Every failure; error replies become <see cref="SessionStoreError.ProtocolError"/> (connection kept).</exception>
        public RespValue Execute(byte[][] args, Func<RespValue, bool> check)
        {
            var command = System.Text.Encoding.ASCII.GetString(args[0]);
            lock (_gate)
            {
                if (_disposed) throw new SessionStoreException(SessionStoreError.Disposed, $"The Redis session store for {_options.Location} was disposed.");
                if (_connection == null)
                {
                    if (_clock.Elapsed < _nextAttemptAt)
                        throw new SessionStoreException(SessionStoreError.Unavailable,
                            $"Redis at {_options.Location} is unavailable ({_lastFailure}); the next reconnect attempt is in {Math.Ceiling((_nextAttemptAt - _clock.Elapsed).TotalSeconds).ToString(CultureInfo.InvariantCulture)} s.");
                    try
                    {
                        _connection = _connect(_options);
                        ConnectCount++;
                    }
                    catch (SessionStoreException ex)
                    {
                        throw Fail(ex);
                    }
                }
                RespValue reply;
                try
                {
                    reply = _connection.Execute(args);
                }
                catch (SessionStoreException ex)
                {
                    throw Fail(ex);
                }
                if (reply.Kind == RespKind.Error)
                {
                    // A well-framed error reply leaves the connection usable.
                    Recovered();
                    var reason = reply.Text.StartsWith("NOAUTH", StringComparison.Ordinal) || reply.Text.StartsWith("WRONGPASS", StringComparison.Ordinal)
                        ? SessionStoreError.AuthFailed : SessionStoreError.ProtocolError;
                    throw new SessionStoreException(reason, $"Redis at {_options.Location} refused {command}: {reply.Text}");
                }
                if (!check(reply))
                    throw Fail(new SessionStoreException(SessionStoreError.ProtocolError,
                        $"Redis at {_options.Location} answered {command} with an unexpected {reply.Describe()}."));
                Recovered();
                return reply;
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _connection?.Dispose();
                _connection = null;
            }
        }

        private void Recovered()
        {
            _downSince = null;
            _lastFailure = null;
            _delay = _options.ReconnectDelay;
        }

        /// <summary>Drops the connection, schedules the next attempt, and says whether this failure starts an outage.</summary>
        private SessionStoreException Fail(SessionStoreException ex)
        {
            _connection?.Dispose();
            _connection = null;
            var alreadyDown = _downSince != null;
            _downSince ??= DateTimeOffset.UtcNow;
            _lastFailure = ex.Message;
            _nextAttemptAt = _clock.Elapsed + _delay;
            var doubled = TimeSpan.FromTicks(Math.Min(_delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
            _delay = doubled > _delay ? doubled : _delay;
            return alreadyDown
                ? new SessionStoreException(SessionStoreError.Unavailable, $"Redis at {_options.Location} is still unavailable: {ex.Message}", ex)
                : ex;
        }
    }
}
