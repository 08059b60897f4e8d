using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>Tab completion of -SessionId from the cache of the -Context already typed on the line.</summary>
    public sealed class SessionIdCompleter : IArgumentCompleter
    {
        /// <summary>Ids of the cached sessions that start with what was typed, with protocol, cipher and expiry as tooltip.</summary>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var context = ContextOf(fakeBoundParameters?["Context"]);
            if (context == null || context.IsClosed) yield break;
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            foreach (var session in context.GetSessions())
            {
                if (session.SessionId.IsEmpty) continue;
                var hex = session.SessionId.ToString();
                if (!hex.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
                var tip = $"{session.Protocol} {session.Cipher?.Name} {session.ServerName} expires {session.ExpiresAt:u}";
                yield return new CompletionResult(hex, hex, CompletionResultType.ParameterValue, tip);
            }
        }

        private static SslContext? ContextOf(object? bound)
        {
            switch (PSValue.Unwrap(bound))
            {
                case SslContext context: return context;
                case string name: return SslContextRegistry.Default.TryGet(name, out var found) ? found : null;
                default: return null;
            }
        }
    }
}
