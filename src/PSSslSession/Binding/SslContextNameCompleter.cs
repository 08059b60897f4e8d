using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>Tab completion of registered context names for -Context and Get-SslContext -Name.</summary>
    public sealed class SslContextNameCompleter : IArgumentCompleter
    {
        /// <summary>Registered names that start with what was typed, quoted when needed.</summary>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var pattern = new WildcardPattern(WildcardPattern.Escape((wordToComplete ?? string.Empty).Trim('\'', '"')) + "*", WildcardOptions.IgnoreCase);
            foreach (var name in SslContextRegistry.Default.Names)
            {
                if (!pattern.IsMatch(name)) continue;
                var text = name.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', ',', '(', ')', '{', '}', '@', '#', '&', '|' }) >= 0
                    ? "'" + name.Replace("'", "''") + "'"
                    : name;
                yield return new CompletionResult(text, name, CompletionResultType.ParameterValue, name);
            }
        }
    }
}
