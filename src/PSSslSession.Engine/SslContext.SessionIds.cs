using System;
using System.Security.Cryptography;
using PSSslSession.Codec;

namespace PSSslSession.Engine
{
    public sealed partial class SslContext
    {
        /// <summary>MAX_SESS_ID_ATTEMPTS in ssl_sess.c.</summary>
        public const int MaxSessionIdAttempts = 10;

        private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

        /// <summary>
        /// ssl_generate_session_id / def_generate_session_id (§B.10): a new id not in the internal cache under any protocol.
        /// </summary>
        /// <remarks>
        /// With a generator set (<see cref="SetSessionIdGenerator"/>), it makes the bytes: null or empty → SessionIdCallbackFailed, more
        /// than <paramref name="length"/> bytes → SessionIdHasBadLength, an exception → SessionIdCallbackFailed wrapping it.
        /// Otherwise the bytes come from a CSPRNG with the prefix (<see cref="SetSessionIdPrefix"/>) copied over the start (an id not longer
        /// than the prefix → InvalidSessionIdLength). An id already cached (<see cref="HasMatchingSessionId"/>) is retried, at most
        /// <see cref="MaxSessionIdAttempts"/> attempts in all, then SessionIdConflict. As in OpenSSL, nothing is reserved
        /// between this check and the add: two callers could in theory get the same id (with 32 random bytes, negligibly).
        /// </remarks>
        /// <exception cref="SslContextException">InvalidSessionIdLength, SessionIdCallbackFailed, SessionIdHasBadLength,
        /// SessionIdConflict, ContextClosed.</exception>
        public SessionId GenerateSessionId(int length = SessionId.MaxLength) => GenerateSessionId(length, null);

        /// <summary>
        /// <see cref="GenerateSessionId(int)"/>, also refusing ids for which <paramref name="taken"/> is true (the ids a
        /// caller already gave out, so that a batch is distinct even when a long prefix leaves few random bytes).
        /// </summary>
        /// <exception cref="SslContextException">As <see cref="GenerateSessionId(int)"/>; SessionIdConflict also when the
        /// attempts were all taken.</exception>
        public SessionId GenerateSessionId(int length, Func<SessionId, bool>? taken)
        {
            ThrowIfClosed();
            if (length < 1 || length > SessionId.MaxLength)
                throw new SslContextException(SslContextError.InvalidSessionIdLength, $"A session id has 1 to {SessionId.MaxLength} bytes; {length} was requested.");
            var prefix = _sessionIdPrefix;
            if (prefix != null && _sessionIdGenerator == null && prefix.Length >= length)
                throw new SslContextException(SslContextError.InvalidSessionIdLength, $"The session id prefix is {prefix.Length} bytes and leaves no random byte in a {length}-byte id: ask for a longer id or set a shorter prefix.");
            for (int attempt = 0; attempt < MaxSessionIdAttempts; attempt++)
            {
                var id = SessionId.FromOwned(NextIdBytes(length));
                if (!HasMatchingSessionId(id) && (taken == null || !taken(id))) return id;
            }
            throw new SslContextException(SslContextError.SessionIdConflict, taken == null
                ? $"{MaxSessionIdAttempts} generated session ids were all already cached (SSL_R_SSL_SESSION_ID_CONFLICT)."
                : $"{MaxSessionIdAttempts} generated session ids were all already cached or already given out (SSL_R_SSL_SESSION_ID_CONFLICT); a prefix or generator that leaves few distinct ids runs out.");
        }

        private byte[] NextIdBytes(int length)
        {
            var generator = _sessionIdGenerator;
            if (generator == null)
            {
                var bytes = new byte[length];
                lock (Random) Random.GetBytes(bytes);
                var prefix = _sessionIdPrefix;
                if (prefix != null) Array.Copy(prefix, bytes, Math.Min(prefix.Length, length));
                return bytes;
            }
            byte[]? made;
            try { made = generator(this, length); }
            catch (Exception e) when (!(e is CallbackAbortException))
            {
                throw new SslContextException(SslContextError.SessionIdCallbackFailed, $"The session id generator failed: {e.Message} (SSL_R_SSL_SESSION_ID_CALLBACK_FAILED).", e);
            }
            if (made == null || made.Length == 0)
                throw new SslContextException(SslContextError.SessionIdCallbackFailed, "The session id generator returned no id (SSL_R_SSL_SESSION_ID_CALLBACK_FAILED).");
            if (made.Length > length)
                throw new SslContextException(SslContextError.SessionIdHasBadLength, $"The session id generator returned {made.Length} bytes; at most {length} are allowed (SSL_R_SSL_SESSION_ID_HAS_BAD_LENGTH).");
            return (byte[])made.Clone();
        }
    }
}
