using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using PSSslSession.Codec;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// What a get-session scriptblock (<c>sess_set_get_cb</c>) may output, turned into the session the engine
    /// expects: nothing (a miss), an SslSession, DER bytes (also as PowerShell streams them, one byte per
    /// object), or PEM/base64 text (also as lines, as Get-Content gives them).
    /// </summary>
    internal static class CallbackResultConverter
    {
        /// <param name="output">The scriptblock's output, PSObject wrappers and nulls already removed.</param>
        /// <exception cref="CallbackResultException">Anything else, several sessions, or undecodable bytes/text.</exception>
        public static SslSession? ToSession(IReadOnlyList<object> output)
        {
            if (output == null) throw new ArgumentNullException(nameof(output));
            if (output.Count == 0) return null;
            if (output.All(o => o is byte)) return Decode(output.Cast<byte>().ToArray());
            if (output.All(o => o is string)) return Decode(Encoding.UTF8.GetBytes(string.Join("\n", output.Cast<string>())));
            if (output.Count > 1)
                throw new CallbackResultException($"The get callback returned {output.Count} objects; it must return one session (or nothing for a miss).");
            switch (output[0])
            {
                case SslSession session: return session;
                case byte[] der: return Decode(der);
                default:
                    throw new CallbackResultException($"The get callback returned an object of type {output[0].GetType().Name}; it must return an SslSession, DER bytes, PEM or base64 text, or nothing.");
            }
        }

        private static SslSession Decode(byte[] data)
        {
            IReadOnlyList<SslSession> sessions;
            try
            {
                sessions = SslSessionReader.ReadAny(data);
            }
            catch (SslSessionFormatException e)
            {
                throw new CallbackResultException($"The get callback's output is not a session ({e.Reason}): {e.Message}", e);
            }
            if (sessions.Count != 1)
                throw new CallbackResultException($"The get callback's output holds {sessions.Count} sessions; it must be exactly one.");
            return sessions[0];
        }
    }
}
