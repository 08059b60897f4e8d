using System;
using System.Globalization;

namespace PSSslSession.Stores.Redis
{
    /// <summary>
    /// Outage bookkeeping around the client. The first connectivity failure of an outage (Unreachable, Timeout, IoError) is
    /// thrown as what it is; until the outage ends, further failures are thrown as <see cref="SessionStoreError.Unavailable"/>,
    /// and while no server is connected at all a call fails at once without reaching the client (which reconnects in the
    /// background). The outage ends with a command that succeeds while every primary serving keys is connected, so on a
    /// cluster that lost one primary, the commands that still succeed on the others do not end it, and the failures on the
    /// lost primary's slots are one outage, not one fault per call.
    /// </summary>
    internal sealed class RedisOutageGate : IDisposable
    {
        private readonly IRedisCommands _commands;
        private readonly string _location;
        private readonly object _gate = new object();
        private DateTimeOffset? _downSince;
        private string? _lastFailure;
        private bool _used;
        private bool _disposed;

        public RedisOutageGate(IRedisCommands commands, string location)
        {
            _commands = commands;
            _location = location;
        }

        public IRedisCommands Commands => _commands;

        /// <summary>"Connected", "Not connected yet", or "Disconnected since …: reason; the client reconnects in the background".</summary>
        public string State
        {
            get
            {
                lock (_gate)
                {
                    if (_disposed) return "Disposed";
                    if (_downSince != null)
                        return $"Disconnected since {_downSince.Value.ToString("u", CultureInfo.InvariantCulture)}: {_lastFailure}; the client reconnects in the background";
                    if (!_used) return "Not connected yet";
                    return _commands.IsConnected ? "Connected" : "Not connected";
                }
            }
        }

        /// <summary>Runs <paramref name="command"/> with the outage rules above.</summary>
        public T Execute<T>(string name, Func<IRedisCommands, T> command)
        {
            lock (_gate)
            {
                if (_disposed) throw new SessionStoreException(SessionStoreError.Disposed, $"The Redis session store for {_location} was disposed.");
                if (_downSince != null && !_commands.IsConnected)
                    throw new SessionStoreException(SessionStoreError.Unavailable,
                        $"Redis at {_location} is unavailable ({_lastFailure}); the client reconnects in the background.");
                _used = true;
            }
            T result;
            try
            {
                result = command(_commands);
            }
            catch (SessionStoreException ex) when (ex.IsConnectivity)
            {
                throw Fail(ex);
            }
            lock (_gate)
            {
                if (_downSince != null && _commands.IsHealthy)
                {
                    _downSince = null;
                    _lastFailure = null;
                }
            }
            return result;
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed) return;
                _disposed = true;
            }
            _commands.Dispose();
        }

        /// <summary>Records the failure and says whether it starts an outage (thrown as is) or continues one (Unavailable).</summary>
        private SessionStoreException Fail(SessionStoreException ex)
        {
            lock (_gate)
            {
                if (_disposed) return new SessionStoreException(SessionStoreError.Disposed, $"The Redis session store for {_location} was disposed.", ex);
                var alreadyDown = _downSince != null;
                _downSince ??= DateTimeOffset.UtcNow;
                _lastFailure = ex.Message;
                return alreadyDown && ex.Reason != SessionStoreError.Unavailable
                    ? new SessionStoreException(SessionStoreError.Unavailable, $"Redis at {_location} is still unavailable: {ex.Message}", ex)
                    : ex;
            }
        }
    }
}
