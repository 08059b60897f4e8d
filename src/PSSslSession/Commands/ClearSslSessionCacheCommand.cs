using System;
using System.Management.Automation;
using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Clear-SslSessionCache</c> (<c>SSL_CTX_flush_sessions</c>): removes the sessions expired at -Before
    /// (default now; <c>flush_sessions(ctx, t)</c>) or, with -All, every session (<c>flush_sessions(ctx, 0)</c>).
    /// Remove callbacks fire (reason Flushed).
    /// ConfirmImpact is Medium so an expiry flush runs without asking; -All is high-impact and asks through
    /// ShouldContinue unless -Force or an explicit -Confirm/-WhatIf already decided.
    /// </summary>
    [Cmdlet(VerbsCommon.Clear, "SslSessionCache", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ExpiredSet)]
    [OutputType(typeof(SslSession))]
    public sealed class ClearSslSessionCacheCommand : SslContextCmdlet
    {
        private const string ExpiredSet = "Expired";
        private const string AllSet = "All";

        #region Parameters

        /// <summary>Flush what is expired at this instant (strict: start + timeout &lt; instant); now when omitted.</summary>
        [Parameter(ParameterSetName = ExpiredSet)]
        public DateTime Before { get; set; }

        /// <summary>Flush every session, expired or not.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllSet)]
        public SwitchParameter All { get; set; }

        /// <summary>With -All: do not ask.</summary>
        [Parameter(ParameterSetName = AllSet)]
        public SwitchParameter Force { get; set; }

        /// <summary>Outputs the flushed sessions, earliest expiry first.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessContext()
        {
            FlushResult result;
            try
            {
                if (All)
                {
                    if (!ShouldProcess(Describe(TargetContext), $"Flush all {TargetContext.Count} session(s)")) return;
                    var decided = Force || MyInvocation.BoundParameters.ContainsKey("Confirm");
                    if (!decided && !ShouldContinue($"Flush all {TargetContext.Count} session(s) of {Describe(TargetContext)}? Remove callbacks run for each.", "Clear-SslSessionCache -All"))
                        return;
                    result = TargetContext.FlushAll();
                }
                else
                {
                    var instant = MyInvocation.BoundParameters.ContainsKey(nameof(Before)) ? ToInstant(Before) : TargetContext.Clock.UtcNow;
                    if (!ShouldProcess(Describe(TargetContext), $"Flush sessions expired at {instant:u}")) return;
                    result = TargetContext.Flush(instant, reclaimMemory: true);
                }
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, TargetContext));
                return;
            }
            WriteVerbose($"Flushed {result.Removed.Count} session(s) from {Describe(TargetContext)}.");
            WriteFaults(result);
            if (PassThru) WriteObject(result.Removed, true);
        }

        #endregion
    }
}
