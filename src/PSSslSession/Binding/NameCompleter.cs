using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>Completes a word from a list of names: those that start with what was typed, quoted when PowerShell needs it.</summary>
    public abstract class NameCompleter : IArgumentCompleter
    {
        private static readonly char[] NeedsQuotes = { ' ', '\'', '"', '$', '`', ';', ',', '(', ')', '{', '}', '@', '#', '&', '|', '<', '>' };

        /// <summary>The candidate names, in the order to offer them.</summary>
        protected abstract IEnumerable<string> Names { get; }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var pattern = new WildcardPattern(WildcardPattern.Escape((wordToComplete ?? string.Empty).Trim('\'', '"')) + "*", WildcardOptions.IgnoreCase);
            foreach (var name in Names.Where(pattern.IsMatch).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var text = name.IndexOfAny(NeedsQuotes) >= 0 ? "'" + name.Replace("'", "''") + "'" : name;
                yield return new CompletionResult(text, name, CompletionResultType.ParameterValue, name);
            }
        }
    }

    /// <summary>Registered context names (-Context, Get-SslContext -Name, -ShareCacheWith).</summary>
    public sealed class SslContextNameCompleter : NameCompleter
    {
        protected override IEnumerable<string> Names => SslContextRegistry.Default.Names;
    }

    /// <summary>Protocol versions by OpenSSL's names (TLSv1.3, TLSv1.2, …).</summary>
    public sealed class SslProtocolCompleter : NameCompleter
    {
        protected override IEnumerable<string> Names => SslProtocol.KnownNames;
    }

    /// <summary>Cipher suites OpenSSL 3.0 knows: OpenSSL names, then IANA names (TLS_…).</summary>
    public sealed class SslCipherCompleter : NameCompleter
    {
        protected override IEnumerable<string> Names =>
            CipherSuites.All.Select(c => c.Name).Concat(CipherSuites.All.Select(c => c.IanaName));
    }

    /// <summary>Key exchange groups by OpenSSL's names (x25519, secp256r1, ffdhe2048, …).</summary>
    public sealed class TlsGroupCompleter : NameCompleter
    {
        protected override IEnumerable<string> Names => TlsGroups.Names;
    }
}
