using System;
using System.Management.Automation;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Get-SslSessionStats</c>: every counter of §B.11 (<c>SSL_CTX_sess_*</c>) plus count, size, evictions,
    /// flushes and store hits/misses/errors. -Detailed adds a Details property with the index statistics
    /// (what <c>lh_stats</c> showed).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SslSessionStats")]
    [OutputType(typeof(SslSessionStatistics))]
    public sealed class GetSslSessionStatsCommand : SslContextCmdlet
    {
        #region Parameters

        /// <summary>Adds a Details property (SslSessionCacheDetails).</summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessContext()
        {
            try
            {
                var statistics = TargetContext.GetStatistics();
                if (!Detailed)
                {
                    WriteObject(statistics);
                    return;
                }
                var wrapped = PSObject.AsPSObject(statistics);
                wrapped.Properties.Add(new PSNoteProperty("Details", TargetContext.GetDetails()));
                WriteObject(wrapped);
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, TargetContext));
            }
        }

        #endregion
    }
}
