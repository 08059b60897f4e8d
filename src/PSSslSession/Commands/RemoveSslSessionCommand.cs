using System;
using System.Management.Automation;
using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Remove-SslSession</c> (<c>SSL_CTX_remove_session</c>): removes sessions from a context's cache; the
    /// remove callbacks fire once per session that leaves (reason Removed) and the store entry is deleted.
    /// -Context is mandatory: a session object does not say which cache holds it.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "SslSession", SupportsShouldProcess = true, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(void))]
    public sealed class RemoveSslSessionCommand : SslContextCmdlet
    {
        private const string InputObjectSet = "InputObject";
        private const string SessionIdSet = "SessionId";

        #region Parameters

        /// <summary>The id to remove (hex, bytes or a session), under every protocol version unless -Protocol is given.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = SessionIdSet)]
        [SessionIdTransformation]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public SessionId SessionId { get; set; }

        /// <summary>Only under this protocol version; every version when omitted.</summary>
        [Parameter(ParameterSetName = SessionIdSet)]
        [ProtocolTransformation]
        [ArgumentCompleter(typeof(SslProtocolCompleter))]
        public SslProtocol? Protocol { get; set; }

        /// <summary>Sessions to remove, e.g. from Get-SslSession.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        [Alias("Session")]
        public SslSession[] InputObject { get; set; } = null!;

        #endregion

        #region Overrides

        protected override void ProcessContext()
        {
            if (ParameterSetName == SessionIdSet)
            {
                var target = ShouldProcessTarget.Of(SessionId, Protocol);
                if (!ShouldProcess(target, $"Remove from {Describe(TargetContext)}")) return;
                Remove(() => TargetContext.Remove(SessionId, Protocol), SessionId.ToString(), target);
                return;
            }
            foreach (var session in InputObject)
            {
                if (session == null || !ShouldProcess(Describe(session), $"Remove from {Describe(TargetContext)}")) continue;
                Remove(() => TargetContext.Remove(session), session, Describe(session));
            }
        }

        #endregion

        #region Private methods

        private void Remove(Func<RemoveSessionResult> remove, object target, string description)
        {
            try
            {
                var result = remove();
                WriteFaults(result);
                if (!result.Removed)
                {
                    var e = new ItemNotFoundException($"Session {description} is not in {Describe(TargetContext)}.");
                    WriteError(Error(e, ErrorCatalog.SessionNotFound, ErrorCategory.ObjectNotFound, target));
                }
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, target));
            }
        }

        #endregion
    }
}
