using System;
using System.Management.Automation;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Refuses a negative duration (-Timeout, -TicketLifetimeHint): ValidateRange cannot take TimeSpan bounds, and
    /// PowerShell 5.1 has no ValidateRangeKind. Runs after <see cref="DurationTransformationAttribute"/>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateNonNegativeDurationAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            if (PSValue.Unwrap(arguments) is TimeSpan span && span < TimeSpan.Zero)
                throw new ValidationMetadataException($"The duration {span} is negative; give 0 or more seconds.");
        }
    }
}
