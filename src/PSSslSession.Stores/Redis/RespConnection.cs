using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace PSSslSession.Stores.Redis
{
    /// <summary>
    /// One established Redis connection (TCP, optional TLS, AUTH, SELECT, PING) that sends commands and reads
    /// replies synchronously. Not thread-safe: <see cref="RedisClient"/> serialises it. Any failure leaves the
    /// connection unusable; the caller disposes it.
    /// </summary>
    internal sealed class RespConnection : IDisposable
    {
        private readonly Socket _socket;
        private readonly Stream _stream;
        private readonly RespReader _reader;
        private readonly string _location;

        private RespConnection(Socket socket, Stream stream, string location)
        {
            _socket = socket;
            _stream = stream;
            _reader = new RespReader(stream);
            _location = location;
        }

        /// <summary>Connects and performs the handshake within <see cref="RedisStoreOptions.ConnectTimeout"/>.</summary>
        public static RespConnection Open(RedisStoreOptions options)
        {
            var location = options.Location;
            var deadline = Stopwatch.StartNew();
            var socket = ConnectSocket(options, deadline);
            RespConnection? connection = null;
            try
            {
                Stream stream = new NetworkStream(socket, ownsSocket: true);
                var connectMs = Milliseconds(options.ConnectTimeout);
                socket.ReceiveTimeout = connectMs;
                socket.SendTimeout = connectMs;
                if (options.UseTls)
                {
                    var tls = new SslStream(stream, leaveInnerStreamOpen: false, options.CertificateValidation);
                    try
                    {
                        tls.AuthenticateAsClient(options.TlsServerName ?? options.Host);
                    }
                    catch (AuthenticationException ex)
                    {
                        tls.Dispose();
                        throw new SessionStoreException(SessionStoreError.Unreachable, $"TLS with the Redis server at {location} failed: {ex.Message}", ex);
                    }
                    catch (IOException ex)
                    {
                        tls.Dispose();
                        throw Failure(location, "the TLS handshake", ex);
                    }
                    stream = tls;
                }
                connection = new RespConnection(socket, stream, location);
                if (options.Password != null)
                {
                    var auth = options.UserName != null
                        ? connection.Execute("AUTH", options.UserName, options.Password)
                        : connection.Execute("AUTH", options.Password);
                    if (auth.Kind == RespKind.Error)
                        throw new SessionStoreException(SessionStoreError.AuthFailed, $"The Redis server at {location} refused AUTH{(options.UserName != null ? " for user '" + options.UserName + "'" : "")}: {auth.Text}");
                    ExpectOk(auth, "AUTH", location);
                }
                if (options.Database != 0)
                    ExpectOk(connection.Execute("SELECT", options.Database.ToString(System.Globalization.CultureInfo.InvariantCulture)), "SELECT " + options.Database, location);
                var pong = connection.Execute("PING");
                if (pong.Kind == RespKind.Error && pong.Text.StartsWith("NOAUTH", StringComparison.Ordinal))
                    throw new SessionStoreException(SessionStoreError.AuthFailed, $"The Redis server at {location} requires a password: {pong.Text}");
                if (pong.Kind != RespKind.SimpleString || pong.Text != "PONG")
                    throw new SessionStoreException(SessionStoreError.ProtocolError, $"The Redis server at {location} answered PING with {pong.Describe()} instead of PONG.");
                var operationMs = Milliseconds(options.OperationTimeout);
                socket.ReceiveTimeout = operationMs;
                socket.SendTimeout = operationMs;
                return connection;
            }
            catch
            {
                if (connection != null) connection.Dispose();
                else socket.Dispose();
                throw;
            }
        }

        /// <summary>Sends one command and reads its reply (error replies are returned, not thrown).</summary>
        public RespValue Execute(params string[] args)
        {
            var bytes = new byte[args.Length][];
            for (int i = 0; i < args.Length; i++) bytes[i] = Encoding.UTF8.GetBytes(args[i]);
            return Execute(bytes);
        }

        /// <summary>Sends one command and reads its reply (error replies are returned, not thrown).</summary>
        public RespValue Execute(byte[][] args)
        {
            var command = Encoding.ASCII.GetString(args[0]);
            try
            {
                var request = RespWriter.Encode(args);
                _stream.Write(request, 0, request.Length);
                _stream.Flush();
                return _reader.Read();
            }
            catch (IOException ex)
            {
                throw Failure(_location, command, ex);
            }
            catch (SocketException ex)
            {
                throw Failure(_location, command, ex);
            }
            catch (ObjectDisposedException ex)
            {
                throw new SessionStoreException(SessionStoreError.IoError, $"The connection to Redis at {_location} was closed during {command}.", ex);
            }
        }

        public void Dispose()
        {
            try { _stream.Dispose(); } catch (IOException) { }
            _socket.Dispose();
        }

        private static Socket ConnectSocket(RedisStoreOptions options, Stopwatch elapsed)
        {
            var location = options.Location;
            IPAddress[] addresses;
            if (IPAddress.TryParse(options.Host, out var literal)) addresses = new[] { literal };
            else
            {
                var lookup = Dns.GetHostAddressesAsync(options.Host);
                try
                {
                    if (!lookup.Wait(Remaining(options.ConnectTimeout, elapsed)))
                        throw new SessionStoreException(SessionStoreError.Unreachable, $"Resolving the Redis host '{options.Host}' timed out after {options.ConnectTimeout.TotalSeconds:0.###} s.");
                }
                catch (AggregateException ex)
                {
                    throw new SessionStoreException(SessionStoreError.Unreachable, $"The Redis host '{options.Host}' could not be resolved: {ex.InnerException?.Message}", ex.InnerException);
                }
                addresses = lookup.Result;
                if (addresses.Length == 0) throw new SessionStoreException(SessionStoreError.Unreachable, $"The Redis host '{options.Host}' has no addresses.");
            }
            return ConnectFirst(Array.ConvertAll(addresses, a => new IPEndPoint(a, options.Port)), options.ConnectTimeout, elapsed, location);
        }

        /// <summary>
        /// Tries the endpoints in order until one accepts, within what is left of <paramref name="timeout"/>: each gets an
        /// equal share of the time left, so an address that does not answer (a blackholed IPv6 in front of a working IPv4)
        /// leaves time for the next instead of failing the connect.
        /// </summary>
        internal static Socket ConnectFirst(IReadOnlyList<IPEndPoint> endpoints, TimeSpan timeout, Stopwatch elapsed, string location)
        {
            var failures = new List<string>();
            Exception? last = null;
            for (int i = 0; i < endpoints.Count; i++)
            {
                var endpoint = endpoints[i];
                var share = TimeSpan.FromTicks((timeout - elapsed.Elapsed).Ticks / (endpoints.Count - i));
                var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    var connect = socket.ConnectAsync(endpoint.Address, endpoint.Port);
                    if (connect.Wait(Math.Max(1, Milliseconds(share)))) return socket;
                    socket.Dispose();
                    failures.Add($"{endpoint} did not answer within {share.TotalSeconds:0.###} s");
                }
                catch (AggregateException ex)
                {
                    socket.Dispose();
                    last = ex.InnerException ?? ex;
                    failures.Add($"{endpoint}: {last.Message}");
                }
            }
            bool timedOut = last == null;
            var why = string.Join("; ", failures);
            throw new SessionStoreException(SessionStoreError.Unreachable, timedOut
                ? $"Connecting to Redis at {location} timed out after {timeout.TotalSeconds:0.###} s ({why})."
                : $"Redis at {location} is unreachable: {why}", last);
        }

        private static void ExpectOk(RespValue reply, string command, string location)
        {
            if (reply.Kind != RespKind.SimpleString || reply.Text != "OK")
                throw new SessionStoreException(SessionStoreError.ProtocolError, $"The Redis server at {location} answered {command} with {reply.Describe()} instead of OK.");
        }

        private static SessionStoreException Failure(string location, string during, Exception ex)
        {
            if (ex is SessionStoreException sse) return sse;
            var socketError = (ex as SocketException ?? ex.InnerException as SocketException)?.SocketErrorCode;
            if (socketError == SocketError.TimedOut || socketError == SocketError.WouldBlock)
                return new SessionStoreException(SessionStoreError.Timeout, $"Redis at {location} did not answer {during} in time.", ex);
            return new SessionStoreException(SessionStoreError.IoError, $"The connection to Redis at {location} failed during {during}: {ex.Message}", ex);
        }

        private static int Milliseconds(TimeSpan t) => t <= TimeSpan.Zero ? 0 : (int)Math.Min(int.MaxValue, Math.Ceiling(t.TotalMilliseconds));

        private static int Remaining(TimeSpan limit, Stopwatch elapsed) => Math.Max(1, Milliseconds(limit - elapsed.Elapsed));
    }
}
