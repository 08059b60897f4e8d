using System;
using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// What -SessionId takes, everywhere: a SessionId, a session or lookup result (their id), hex text ("0A1B…",
    /// "0a:1b", "0x0A1B"), or bytes. Session ids are hex, as everyone prints them; they are never read as text.
    /// </summary>
    internal static class SessionIdInput
    {
        /// <summary>The id <paramref name="value"/> stands for, or false when it is none of the forms above.</summary>
        public static bool TryConvert(object? value, out SessionId id)
        {
            id = SessionId.Empty;
            switch (value)
            {
                case SessionId given: id = given; return true;
                case SslSession session: id = session.GetSessionId(); return true;
                case SslLookupResult result: id = result.GetSessionId(); return true;
                case string text: return SessionId.TryParse(text, out id);
                case byte[] bytes when bytes.Length <= SessionId.MaxLength: id = new SessionId(bytes); return true;
                default: return false;
            }
        }

        /// <exception cref="FormatException">Not one of the forms <see cref="TryConvert"/> takes, or more than 32 bytes.</exception>
        public static SessionId ToSessionId(object? value)
        {
            if (TryConvert(value, out var id)) return id;
            if (value is string text) return SessionId.Parse(text); // throws with the reason
            var bytes = ByteInput.ToBytes(value);
            if (bytes.Length > SessionId.MaxLength)
                throw new FormatException($"A session id holds at most {SessionId.MaxLength} bytes; {bytes.Length} were given.");
            return new SessionId(bytes);
        }
    }
}
