using System;
using System.Management.Automation;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Remove-SslContext</c>: flushes the cache (remove callbacks fire, reason Flushed) and unregisters the
    /// context (<c>SSL_CTX_free</c>). The object refuses further use (ContextClosed).
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "SslContext", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class RemoveSslContextCommand : SslContextCmdlet
    {
        #region Parameters

        #endregion

        #region Overrides

        protected override void ProcessContext()
        {
            if (!ShouldProcess(Describe(TargetContext), $"Flush {TargetContext.Count} session(s) and unregister")) return;
            try
            {
                WriteFaults(SslContextRegistry.Default.Remove(TargetContext));
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, TargetContext));
            }
        }

        #endregion
    }
}
