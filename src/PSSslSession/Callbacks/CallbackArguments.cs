using System;
using System.Collections.Generic;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// What a scriptblock callback receives. Every value is also defined as a variable ($Session, $Context,
    /// $Reason, $SessionId, and $_); this class decides the positional arguments so that a param block
    /// that declares any of those names, in any order, gets the right values.
    /// </summary>
    internal static class CallbackArguments
    {
        /// <summary>Argument names per event, in the order used when the scriptblock declares no parameters.</summary>
        public static IReadOnlyList<string> NamesFor(SessionCallbackEvent @event)
        {
            switch (@event)
            {
                case SessionCallbackEvent.New: return new[] { "Session", "Context" };
                case SessionCallbackEvent.Remove: return new[] { "Session", "Context", "Reason" };
                case SessionCallbackEvent.Get: return new[] { "SessionId", "Context" };
                default: throw new ArgumentOutOfRangeException(nameof(@event), @event, null);
            }
        }

        /// <summary>
        /// The positional arguments: one per declared parameter, taking the value of the same name
        /// (case-insensitive) or null; without declared parameters, the values in <see cref="NamesFor"/> order
        /// (reachable through $args).
        /// </summary>
        public static object?[] Order(IReadOnlyList<string> declaredParameters, IReadOnlyDictionary<string, object?> values, SessionCallbackEvent @event)
        {
            if (declaredParameters == null) throw new ArgumentNullException(nameof(declaredParameters));
            if (values == null) throw new ArgumentNullException(nameof(values));
            var lookup = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in values) lookup[pair.Key] = pair.Value;
            var names = declaredParameters.Count > 0 ? declaredParameters : NamesFor(@event);
            var result = new object?[names.Count];
            for (int i = 0; i < names.Count; i++)
                result[i] = lookup.TryGetValue(names[i], out var v) ? v : null;
            return result;
        }
    }
}
