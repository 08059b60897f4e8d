using System;
using System.Management.Automation;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Base of the transformations that read an argument with one of the module's parsers: the parser's
    /// <see cref="FormatException"/> becomes PowerShell's transformation error carrying its reason, where PowerShell's own
    /// conversion would only say that the value could not be converted (or blame a position).
    /// </summary>
    public abstract class ParsingTransformationAttribute : ArgumentTransformationAttribute
    {
        public sealed override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            try { return Convert(PSValue.Unwrap(inputData), inputData); }
            catch (FormatException e) { throw new ArgumentTransformationMetadataException(e.Message, e); }
        }

        /// <summary>The parameter's value for <paramref name="value"/> (the argument without PSObject wrappers), or
        /// <paramref name="inputData"/> to leave the conversion to PowerShell; a <see cref="FormatException"/> refuses it.</summary>
        protected abstract object? Convert(object? value, object? inputData);
    }
}
