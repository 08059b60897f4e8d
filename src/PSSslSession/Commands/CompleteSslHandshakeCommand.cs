using System;
using System.Management.Automation;
using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Complete-SslHandshake</c> (<c>ssl_update_cache</c>, §B.6/§B.7): what the end of a handshake does to
    /// the cache: the mode check, the internal store unless NoInternalStore, the new-session callbacks and
    /// store write, the accept/connect counters and the every-255 auto-clear.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Complete, "SslHandshake", SupportsShouldProcess = true)]
    [OutputType(typeof(HandshakeResult))]
    public sealed class CompleteSslHandshakeCommand : SslContextCmdlet
    {
        #region Parameters

        /// <summary>The session the handshake produced or resumed.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        [Alias("InputObject")]
        public SslSession Session { get; set; } = null!;

        /// <summary>Server = SSL_accept, Client = SSL_connect.</summary>
        [Parameter(Mandatory = true)]
        public SslRole Role { get; set; }

        /// <summary>The handshake resumed the session (no new-session callback; hit counters instead).</summary>
        [Parameter]
        public SwitchParameter Resumed { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessContext()
        {
            if (!ShouldProcess(Describe(Session), $"Complete a {Role} handshake{(Resumed ? " (resumed)" : "")} on {Describe(TargetContext)}")) return;
            try
            {
                var result = TargetContext.CompleteHandshake(Session, Role, Resumed.IsPresent);
                WriteFaults(result);
                if (result.AutoFlush != null) WriteFaults(result.AutoFlush);
                if (result.TooLarge) NoteTooLarge(Session);
                WriteObject(result);
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, Session));
            }
        }

        #endregion
    }
}
