using System;
using System.Management.Automation;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>Lets a duration parameter (-Timeout) take a TimeSpan or a number of seconds.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class DurationTransformationAttribute : ParsingTransformationAttribute
    {
        protected override object? Convert(object? value, object? inputData) =>
            value == null ? null : (object)DurationInput.ToTimeSpan(value);
    }
}
