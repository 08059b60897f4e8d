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
    public sealed class TestSslSessionCacheCommand : SslContextCmdlet
    {
        #region Parameters

        #endregion

        #region Overrides

        protected override void ProcessContext()
        {
            try
            {
                var problem = TargetContext.CheckConsistency();
                if (problem != null) WriteWarning($"{Describe(TargetContext)} is inconsistent: {problem}");
                WriteObject(problem == null);
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, TargetContext));
            }
        }

        #endregion
    }
}
