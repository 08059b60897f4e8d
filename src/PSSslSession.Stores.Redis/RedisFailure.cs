using System;
using System.Security.Authentication;
using StackExchange.Redis;

namespace PSSslSession.Stores.Redis
{
    /// <summary>StackExchange.Redis exceptions as the store's <see cref="SessionStoreError"/> kinds.</summary>
    internal static class RedisFailure
    {
        public static SessionStoreException From(Exception e, string command, RedisStoreOptions options)
        {
            var where = options.Location;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Count == 1) e = aggregate.InnerExceptions[0];
            // A refused server certificate also reaches us as an AuthenticationFailure: it is TLS, not AUTH.
            if (Find<AuthenticationException>(e) is AuthenticationException tls)
                return new SessionStoreException(SessionStoreError.Unreachable, $"TLS with the Redis server at {where} failed: {Brief(tls.Message)}", e);
            if (IsAuthRefusal(e))
                return new SessionStoreException(SessionStoreError.AuthFailed,
                    $"The Redis server at {where} refused authentication{(options.UserName != null ? " for user '" + options.UserName + "'" : "")} ({command}): {Brief(Innermost(e).Message)}", e);
            switch (e)
            {
                case RedisTimeoutException _:
                case TimeoutException _:
                    return new SessionStoreException(SessionStoreError.Timeout, $"Redis at {where} did not answer {command} in time: {Brief(e.Message)}", e);
                case RedisConnectionException connection:
                    return FromConnection(connection, command, options);
                case RedisServerException _ when IsPassing(e.Message):
                    return new SessionStoreException(SessionStoreError.Unreachable, $"Redis at {where} cannot serve {command} now: {Brief(e.Message)}", e);
                case RedisServerException _:
                    return new SessionStoreException(SessionStoreError.ProtocolError, $"Redis at {where} refused {command}: {Brief(e.Message)}", e);
                case RedisCommandException _:
                    return new SessionStoreException(SessionStoreError.ProtocolError, $"The Redis client refused {command} for {where}: {Brief(e.Message)}", e);
                case ObjectDisposedException _:
                    return new SessionStoreException(SessionStoreError.Disposed, $"The Redis session store for {where} was disposed.", e);
                default:
                    return new SessionStoreException(SessionStoreError.IoError, $"Redis at {where} failed during {command}: {Brief(e.Message)}", e);
            }
        }

        /// <summary>A refused AUTH seen while connecting, reported for the command that found no connection because of it.</summary>
        public static SessionStoreException AuthRefused(string refusal, string command, RedisStoreOptions options, Exception e) =>
            new SessionStoreException(SessionStoreError.AuthFailed,
                $"The Redis server at {options.Location} refused authentication{(options.UserName != null ? " for user '" + options.UserName + "'" : "")} ({command}): {refusal}", e);

        /// <summary>A refused TLS handshake seen while connecting, reported for the command that found no connection because of it.</summary>
        public static SessionStoreException TlsRefused(string refusal, RedisStoreOptions options, Exception e) =>
            new SessionStoreException(SessionStoreError.Unreachable, $"TLS with the Redis server at {options.Location} failed: {refusal}", e);

        private static SessionStoreException FromConnection(RedisConnectionException e, string command, RedisStoreOptions options)
        {
            var where = options.Location;
            switch (e.FailureType)
            {
                case ConnectionFailureType.ProtocolFailure:
                case ConnectionFailureType.ResponseIntegrityFailure:
                    return new SessionStoreException(SessionStoreError.ProtocolError, $"Redis at {where} broke the protocol during {command}: {Brief(e.Message)}", e);
                // InternalFailure: what the client reports for commands caught in a connection it is tearing down (seen for
                // SETs sent to a cluster primary the moment it was killed); the command may be retried on the next one.
                case ConnectionFailureType.InternalFailure:
                case ConnectionFailureType.SocketClosed:
                case ConnectionFailureType.ConnectionDisposed:
                    return new SessionStoreException(SessionStoreError.IoError, $"The connection to Redis at {where} failed during {command}: {Brief(e.Message)}", e);
                default:
                    var tlsNote = options.UseTls ? " over TLS" : "";
                    return new SessionStoreException(SessionStoreError.Unreachable, $"Redis at {where} is unreachable{tlsNote} ({command}): {Brief(Innermost(e).Message)}", e);
            }
        }

        /// <summary>
        /// Error replies of a cluster or replica set in the middle of a change (a failover, a node still loading): the key
        /// has no serving primary for a moment; a connectivity failure, so the context keeps the write and replays it.
        /// </summary>
        private static bool IsPassing(string message)
        {
            foreach (var prefix in new[] { "CLUSTERDOWN", "TRYAGAIN", "LOADING", "MASTERDOWN", "READONLY" })
                if (message.StartsWith(prefix, StringComparison.Ordinal)) return true;
            return false;
        }

        /// <summary>NOAUTH / WRONGPASS replies, or a connection the client gave up on because AUTH failed.</summary>
        private static bool IsAuthRefusal(Exception e)
        {
            for (var x = e; x != null; x = x.InnerException)
            {
                if (x is RedisConnectionException c && c.FailureType == ConnectionFailureType.AuthenticationFailure) return true;
                var m = x.Message;
                if (m.IndexOf("NOAUTH", StringComparison.Ordinal) >= 0 || m.IndexOf("WRONGPASS", StringComparison.Ordinal) >= 0 ||
                    m.IndexOf("AuthenticationFailure", StringComparison.Ordinal) >= 0) return true;
            }
            return false;
        }

        // StackExchange.Redis appends its connection diagnostics to messages (", last: SET, origin: …, v: 2.13.23");
        // users get the first clause, the exception keeps the rest as the inner exception.
        private static readonly string[] DiagnosticMarkers = { ", last: ", ", next: ", ", inst: ", ", mgr: ", ", outstanding: ", " (Please take a look" };

        internal static string Brief(string message)
        {
            int cut = message.Length;
            foreach (var marker in DiagnosticMarkers)
            {
                int at = message.IndexOf(marker, StringComparison.Ordinal);
                if (at >= 0 && at < cut) cut = at;
            }
            return message.Substring(0, cut);
        }

        private static T? Find<T>(Exception e) where T : Exception
        {
            for (var x = e; x != null; x = x.InnerException) if (x is T t) return t;
            return null;
        }

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException != null) e = e.InnerException;
            return e;
        }
    }
}
