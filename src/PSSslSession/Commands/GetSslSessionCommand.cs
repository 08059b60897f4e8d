using System;
using System.Management.Automation;
using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Get-SslSession</c>: the sessions in a context's cache (<c>SSL_CTX_sessions</c>), earliest expiry first,
    /// optionally one id, one protocol version, or only the expired ones. No statistics change.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SslSession")]
    [OutputType(typeof(SslSession))]
    public sealed class GetSslSessionCommand : SslContextCmdlet
    {
        #region Parameters

        /// <summary>Only sessions with this id (hex, bytes or a session); an id not cached is an ObjectNotFound error.</summary>
        [Parameter(Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SessionIdTransformation]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public SessionId? SessionId { get; set; }

        /// <summary>Only this protocol version.</summary>
        [Parameter]
        [ProtocolTransformation]
        [ArgumentCompleter(typeof(SslProtocolCompleter))]
        public SslProtocol? Protocol { get; set; }

        /// <summary>Only sessions expired now (by the context's clock) but not yet flushed.</summary>
        [Parameter]
        public SwitchParameter Expired { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessContext()
        {
            // A string piped in (a name that happens to be hex, like 'cafe') binds both -Context and -SessionId:
            // with neither on the command line, it names a context. Ids are piped with -Context given.
            var sessionId = SessionId.HasValue && Context.IsName && !FromCommandLine(nameof(Context)) && !FromCommandLine(nameof(SessionId))
                ? null : SessionId;
            try
            {
                var sessions = sessionId.HasValue ? TargetContext.FindSessions(sessionId.Value, Protocol) : TargetContext.GetSessions();
                if (sessionId.HasValue && sessions.Count == 0)
                {
                    var e = new ItemNotFoundException($"Session {ShouldProcessTarget.Of(sessionId.Value, Protocol)} is not in {Describe(TargetContext)}.");
                    WriteError(Error(e, ErrorCatalog.SessionNotFound, ErrorCategory.ObjectNotFound, sessionId.Value.ToString()));
                    return;
                }
                var now = TargetContext.Clock.UtcNow;
                foreach (var session in sessions)
                {
                    if (Protocol.HasValue && session.ProtocolVersion != Protocol.Value.Number) continue;
                    if (Expired && !session.IsExpiredAt(now)) continue;
                    WriteObject(session);
                }
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, TargetContext));
            }
        }

        #endregion
    }
}
