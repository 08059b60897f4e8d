using System;
using System.Management.Automation;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>Lets a duration parameter (-Timeout) take a TimeSpan or a number of seconds.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = PSValue.Unwrap(inputData);
            if (value == null) return null;
            try { return DurationInput.ToTimeSpan(value); }
            catch (FormatException e) { throw new ArgumentTransformationMetadataException(e.Message, e); }
        }
    }
}
