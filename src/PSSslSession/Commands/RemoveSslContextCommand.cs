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
            // A member of a shared cache leaves it (and its sessions) to the others; the last one flushes it.
            var others = TargetContext.SharedWith;
            var action = others.Count > 0
                ? $"Unregister, leaving the shared cache to '{string.Join("', '", others)}'"
                : $"Flush {TargetContext.Count} session(s) and unregister";
            if (!ShouldProcess(Describe(TargetContext), action)) return;
            try
            {
                WriteFaults(SslContextRegistry.Default.Remove(TargetContext));
                if (others.Count > 0) WriteVerbose($"{Describe(TargetContext)} left its cache; '{string.Join("', '", others)}' keep it and its sessions.");
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, TargetContext));
            }
        }

        #endregion
    }
}
