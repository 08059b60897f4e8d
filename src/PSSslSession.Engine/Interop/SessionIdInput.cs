using System;
using PSSslSession.Codec;

namespace PSSslSession.Engine.Interop
{
    /// <summary>Turns -SessionId input (a SessionId, a session, hex text, or bytes) into a <see cref="SessionId"/>.</summary>
    public static class SessionIdInput
    {
        /// <exception cref="FormatException">Not hex/bytes, or more than 32 bytes.</exception>
        public static SessionId ToSessionId(object? value)
        {
            switch (value)
            {
                case SessionId id: return id;
                case SslSession session: return session.SessionId;
                case string text: return SessionId.Parse(text);
            }
            var bytes = ByteInput.ToBytes(value);
            if (bytes.Length > SessionId.MaxLength)
                throw new FormatException($"A session id holds at most {SessionId.MaxLength} bytes; {bytes.Length} were given.");
            return new SessionId(bytes);
        }
    }
}
