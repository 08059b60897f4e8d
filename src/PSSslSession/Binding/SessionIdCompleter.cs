using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Tab completion of -SessionId from the cache of the -Context already typed on the line: the first
    /// <see cref="MaxResults"/> ids that start with what was typed, earliest expiry first, with protocol, cipher and
    /// expiry as the tooltip. A cache of a million sessions must not become a million completions.
    /// </summary>
    public sealed class SessionIdCompleter : IArgumentCompleter
    {
        /// <summary>The most completions offered at once; type more of the id to narrow them.</summary>
        public const int MaxResults = 100;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var context = ContextOf(fakeBoundParameters?["Context"]);
            if (context == null || context.IsClosed) yield break;
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            int offered = 0;
            foreach (var session in context.GetSessions())
            {
                var hex = session.SessionId;
                if (hex.Length == 0 || !hex.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
                var tip = $"{session.Protocol} {session.Cipher} expires {session.ExpiresAt:u}";
                yield return new CompletionResult(hex, hex, CompletionResultType.ParameterValue, tip);
                if (++offered == MaxResults) yield break;
            }
        }

        private static SslContext? ContextOf(object? bound)
        {
            switch (PSValue.Unwrap(bound))
            {
                case SslContext context: return context;
                case SslContextReference reference: return reference.TryResolve(out var resolved) ? resolved : null;
                case string name: return SslContextRegistry.Default.TryGet(name, out var found) ? found : null;
                default: return null;
            }
        }
    }
}
