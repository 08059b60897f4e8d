using System;
using System.Management.Automation;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Test-SslSessionCache</c>: checks a context's index, expiry order and count against each other
    /// (the corruption of openssl#12814 made visible). $true when consistent; otherwise $false and a warning
    /// saying what is wrong.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "SslSessionCache")]
    [OutputType(typeof(bool))]
    public sealed class TestSslSessionCacheCommand : SslSessionCmdlet
    {
        #region Parameters

        /// <summary>The context: an SslContext or the name of a registered one (tab-completes).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [SslContextTransformation]
        [ArgumentCompleter(typeof(SslContextNameCompleter))]
        public SslContext Context { get; set; } = null!;

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            try
            {
                var problem = Context.CheckConsistency();
                if (problem != null) WriteWarning($"{Describe(Context)} is inconsistent: {problem}");
                WriteObject(problem == null);
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, Context));
            }
        }

        #endregion
    }
}
