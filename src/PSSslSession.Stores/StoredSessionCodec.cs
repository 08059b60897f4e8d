using System;
using PSSslSession.Codec;

namespace PSSslSession.Stores
{
    /// <summary>The value both stores keep: the session's DER (<c>i2d_SSL_SESSION</c>), as mod_ssl's external cache does.</summary>
    internal static class StoredSessionCodec
    {
        /// <summary>i2d_SSL_SESSION, with codec refusals turned into <see cref="SessionStoreError.InvalidSession"/>.</summary>
        public static byte[] Encode(SslSession session)
        {
            try
            {
                return SslSessionCodec.Encode(session);
            }
            catch (SslSessionFormatException ex)
            {
                throw new SessionStoreException(SessionStoreError.InvalidSession, $"Session {session.SessionId} cannot be encoded for the store: {ex.Message}", ex);
            }
        }

        /// <summary>A session without an id is refused before anything is written: OpenSSL never passes one to the external cache.</summary>
        public static void RequireId(SslSession session)
        {
            if (session.GetSessionId().IsEmpty)
                throw new SessionStoreException(SessionStoreError.InvalidSession, "A session without an id cannot be stored (OpenSSL never passes one to the external cache).");
        }

        /// <summary>d2i_SSL_SESSION; null (with <paramref name="error"/>) when the stored bytes no longer decode.</summary>
        public static SslSession? TryDecode(byte[] der, DateTimeOffset now, out Exception? error)
        {
            try
            {
                error = null;
                return SslSessionCodec.Decode(der, new SslSessionDecodeOptions { Now = now });
            }
            catch (Exception ex) when (ex is FormatException || ex is ArgumentException || ex is System.Security.Cryptography.CryptographicException)
            {
                // SslSessionFormatException is a FormatException; the others guard against a codec bug on odd input.
                error = ex;
                return null;
            }
        }

        /// <summary>The exception a Get raises for a value that does not decode (the context reports it and treats it as a miss).</summary>
        public static SessionStoreException Corrupt(string where, Exception error) =>
            new SessionStoreException(SessionStoreError.CorruptRecord, $"The stored session {where} does not decode and was ignored: {error.Message}", error);
    }
}
