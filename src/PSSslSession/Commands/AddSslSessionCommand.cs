using System;
using System.Management.Automation;
using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Add-SslSession</c> (<c>SSL_CTX_add_session</c>): puts sessions into a context's cache. The same
    /// instance already cached is a warning and a no-op (with UpdateTime or OpenSslCompat it is re-ordered); another
    /// instance with the same key replaces it;
    /// a full cache evicts the earliest expiry (remove callbacks fire, reason Evicted).
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "SslSession", SupportsShouldProcess = true)]
    [OutputType(typeof(SslSession))]
    public sealed class AddSslSessionCommand : SslContextCmdlet
    {
        #region Parameters

        /// <summary>Sessions to add (SslSession), e.g. from Import-SslSession.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        [Alias("Session")]
        public SslSession[] InputObject { get; set; } = null!;

        /// <summary>Outputs each session that was added.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessContext()
        {
            foreach (var session in InputObject)
            {
                if (session == null || !ShouldProcess(Describe(session), $"Add to {Describe(TargetContext)}")) continue;
                AddSessionResult result;
                try
                {
                    result = TargetContext.Add(session);
                }
                catch (Exception e) when (IsReportable(e))
                {
                    WriteError(Error(e, session));
                    continue;
                }
                if (result.TooLarge) NoteTooLarge(session);
                else if (!result.Added)
                    WriteWarning($"Session {Describe(session)} is already in {Describe(TargetContext)}; {ReAddEffect()}.");
                if (result.Replaced != null)
                    WriteVerbose($"Replaced the cached instance of {Describe(result.Replaced)}.");
                foreach (var evicted in result.Evicted)
                    WriteVerbose($"Evicted {Describe(evicted)} to make room.");
                WriteFaults(result);
                if (PassThru && result.Added) WriteObject(session);
            }
        }

        #endregion

        /// <summary>What adding the cached instance again did (SslContext.Add): nothing, unless UpdateTime or OpenSslCompat.</summary>
        private string ReAddEffect()
        {
            if ((TargetContext.CacheMode & SslSessionCacheMode.UpdateTime) != 0) return "its start time became now (UpdateTime)";
            if (TargetContext.OpenSslCompat) return "it moved behind the sessions with the same expiry, to be evicted and flushed after them (OpenSslCompat)";
            return "nothing changed";
        }
    }
}
