using System;
using System.Collections.Generic;
using System.Management.Automation;
using PSSslSession.Codec;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Set-SslSession</c> (<c>SSL_SESSION_set_time</c> / <c>SSL_SESSION_set_timeout</c>): changes a session's
    /// start time and/or timeout. A cache holding the session re-orders its expiry.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SslSession", SupportsShouldProcess = true, DefaultParameterSetName = StartTimeSet)]
    [OutputType(typeof(SslSession))]
    public sealed class SetSslSessionCommand : SslSessionCmdlet
    {
        private const string StartTimeSet = "StartTime";
        private const string TouchSet = "Touch";

        #region Parameters

        /// <summary>Sessions to change (cached or not).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("Session")]
        public SslSession[] InputObject { get; set; } = null!;

        /// <summary>New start time.</summary>
        [Parameter(ParameterSetName = StartTimeSet)]
        public DateTimeOffset StartTime { get; set; }

        /// <summary>Sets the start time to now (what SSL_SESS_CACHE_UPDATE_TIME does on add).</summary>
        [Parameter(Mandatory = true, ParameterSetName = TouchSet)]
        public SwitchParameter Touch { get; set; }

        /// <summary>New timeout: a TimeSpan or seconds; not negative.</summary>
        [Parameter]
        [DurationTransformation]
        [ValidateNonNegativeDuration]
        public TimeSpan Timeout { get; set; }

        /// <summary>Outputs each session.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            var bound = MyInvocation.BoundParameters;
            long? start = Touch ? DateTimeOffset.UtcNow.ToUnixTimeSeconds()
                : bound.ContainsKey(nameof(StartTime)) ? StartTime.ToUnixTimeSeconds() : (long?)null;
            long? timeout = bound.ContainsKey(nameof(Timeout)) ? DurationInput.ToSeconds(Timeout) : (long?)null;
            var changes = new List<string>();
            if (start.HasValue) changes.Add("start time " + DateTimeOffset.FromUnixTimeSeconds(start.Value).ToString("u"));
            if (timeout.HasValue) changes.Add($"timeout {timeout.Value} s");

            foreach (var session in InputObject)
            {
                if (session == null) continue;
                if (changes.Count > 0)
                {
                    if (!ShouldProcess(Describe(session), "Set " + string.Join(", ", changes))) continue;
                    try
                    {
                        session.SetTimes(start, timeout);
                    }
                    catch (Exception e) when (IsReportable(e))
                    {
                        WriteError(Error(e, session));
                        continue;
                    }
                }
                if (PassThru) WriteObject(session);
            }
        }

        #endregion
    }
}
