using System;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Turns a PowerShell <see cref="DateTime"/> parameter (-StartTime, -Before) into a UTC instant. Get-Date gives
    /// local times; an Unspecified kind is read as local too, as PowerShell itself does when it compares dates.
    /// </summary>
    internal static class InstantInput
    {
        public static DateTimeOffset ToInstant(DateTime value) =>
            new DateTimeOffset(value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(), TimeSpan.Zero);
    }
}
