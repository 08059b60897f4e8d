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

        /// <summary>The candidate names, in the order to offer them, given the parameters already on the line.</summary>
        protected abstract IEnumerable<string> Names(IDictionary? boundParameters);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var pattern = new WildcardPattern(WildcardPattern.Escape((wordToComplete ?? string.Empty).Trim('\'', '"')) + "*", WildcardOptions.IgnoreCase);
            foreach (var name in Names(fakeBoundParameters).Where(pattern.IsMatch).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var text = name.IndexOfAny(NeedsQuotes) >= 0 ? "'" + name.Replace("'", "''") + "'" : name;
                yield return new CompletionResult(text, name, CompletionResultType.ParameterValue, name);
            }
        }
    }

    /// <summary>Registered context names (-Context, Get-SslContext -Name, -ShareCacheWith).</summary>
    public sealed class SslContextNameCompleter : NameCompleter
    {
        protected override IEnumerable<string> Names(IDictionary? boundParameters) => SslContextRegistry.Default.Names;
    }

    /// <summary>Protocol versions by OpenSSL's names (TLSv1.3, TLSv1.2, …).</summary>
    public sealed class SslProtocolCompleter : NameCompleter
    {
        protected override IEnumerable<string> Names(IDictionary? boundParameters) => SslProtocol.KnownNames;
    }

    /// <summary>
    /// Cipher suites OpenSSL 3.0 knows, by OpenSSL name then IANA name (TLS_…): with -Protocol on the line, only those
    /// that version can use; never the signalling values or the "(NONE)" IANA placeholder.
    /// </summary>
    public sealed class SslCipherCompleter : NameCompleter
    {
        protected override IEnumerable<string> Names(IDictionary? boundParameters)
        {
            var protocol = PSValue.Unwrap(boundParameters?["Protocol"]);
            bool? tls13 = protocol is SslProtocol p ? p.IsTls13
                : protocol is string text && SslProtocol.TryParse(text, out var parsed) ? parsed.IsTls13 : (bool?)null;
            var suites = CipherSuites.All.Where(c => !c.IsSignalingValue && (tls13 == null || c.IsTls13 == tls13)).ToList();
            return suites.Select(c => c.Name).Concat(suites.Select(c => c.IanaName).Where(n => !n.StartsWith("(", StringComparison.Ordinal)));
        }
    }

    /// <summary>Key exchange groups by OpenSSL's names (x25519, secp256r1, ffdhe2048, …).</summary>
    public sealed class TlsGroupCompleter : NameCompleter
    {
        protected override IEnumerable<string> Names(IDictionary? boundParameters) => TlsGroups.Names;
    }

    /// <summary>The protocol versions a client offers live servers (TLSv1.3, TLSv1.2).</summary>
    public sealed class ClientProtocolCompleter : NameCompleter
    {
        protected override IEnumerable<string> Names(IDictionary? boundParameters) =>
            new[] { SslProtocol.TLSv13.Name, SslProtocol.TLSv12.Name };
    }

    /// <summary>ALPN protocol names from IANA's registry that TLS servers commonly select.</summary>
    public sealed class AlpnCompleter : NameCompleter
    {
        private static readonly string[] Known = { "h2", "http/1.1", "http/1.0", "h3", "acme-tls/1", "imap", "pop3", "managesieve", "smtp", "xmpp-client", "xmpp-server", "ftp", "mqtt", "dot", "postgresql", "ntske/1" };

        protected override IEnumerable<string> Names(IDictionary? boundParameters) => Known;
    }
}
