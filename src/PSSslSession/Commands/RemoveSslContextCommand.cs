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
    public sealed class RemoveSslContextCommand : SslSessionCmdlet
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
            if (!ShouldProcess(Describe(Context), $"Flush {Context.Count} session(s) and unregister")) return;
            try
            {
                WriteFaults(SslContextRegistry.Default.Remove(Context));
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, Context));
            }
        }

        #endregion
    }
}
