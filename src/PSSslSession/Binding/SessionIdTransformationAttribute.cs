using System;
using System.Management.Automation;
using PSSslSession.Codec;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Binds -SessionId the same way in every cmdlet (<see cref="SessionIdInput"/>), by value and by property name.
    /// What it does not recognise passes through untouched: PowerShell's own conversion then reports a bad argument
    /// (with SessionId.Parse's reason), and in the pipeline the object may still bind another parameter or by
    /// property name (a context name piped to Get-SslSession is not an id, and must not fail the binding).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SessionIdTransformationAttribute : ParsingTransformationAttribute
    {
        /// <summary>
        /// For a cmdlet where a piped string can only be an id (New-SslSession): text that is not one is refused with the
        /// reason, instead of leaving PowerShell to say only that the input could not be bound.
        /// </summary>
        public bool Strict { get; set; }

        protected override object? Convert(object? value, object? inputData)
        {
            if (SessionIdInput.TryConvert(value, out var id)) return id;
            // Not an id: the parse refuses it with the reason.
            if (Strict && value is string text) return SessionId.Parse(text);
            if (value is object[] items)
            {
                try { return SessionIdInput.ToSessionId(items); }
                catch (FormatException) { }
            }
            return inputData;
        }
    }
}
