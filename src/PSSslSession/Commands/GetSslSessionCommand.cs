using System;
using System.Management.Automation;
using PSSslSession.Codec;
using PSSslSession.Engine;
using PSSslSession.Engine.Interop;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Get-SslSession</c>: the sessions in a context's cache (<c>SSL_CTX_sessions</c>), earliest expiry first,
    /// optionally one id or only the expired ones. No statistics change.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SslSession")]
    [OutputType(typeof(SslSession))]
    public sealed class GetSslSessionCommand : SslSessionCmdlet
    {
        #region Parameters

        /// <summary>The context: an SslContext or the name of a registered one (tab-completes).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [SslContextTransformation]
        [ArgumentCompleter(typeof(SslContextNameCompleter))]
        public SslContext Context { get; set; } = null!;

        /// <summary>Only sessions with this id (hex or bytes); an id not cached is an ObjectNotFound error.</summary>
        [Parameter(Position = 1)]
        [SessionIdTransformation]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public SessionId? SessionId { get; set; }

        /// <summary>Only this protocol version.</summary>
        [Parameter]
        public SslProtocol? Protocol { get; set; }

        /// <summary>Only sessions expired now (by the context's clock) but not yet flushed.</summary>
        [Parameter]
        public SwitchParameter Expired { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            try
            {
                var sessions = SessionId.HasValue ? Context.FindSessions(SessionId.Value, Protocol) : Context.GetSessions();
                if (SessionId.HasValue && sessions.Count == 0)
                {
                    var e = new ItemNotFoundException($"No session with id {SessionId.Value}{(Protocol.HasValue ? " (" + Protocol.Value + ")" : "")} is in {Describe(Context)}.");
                    WriteError(Error(e, ErrorCatalog.SessionNotFound, ErrorCategory.ObjectNotFound, SessionId.Value));
                    return;
                }
                var now = Context.Clock.UtcNow;
                foreach (var session in sessions)
                {
                    if (Protocol.HasValue && session.Protocol != Protocol.Value) continue;
                    if (Expired && !session.IsExpiredAt(now)) continue;
                    WriteObject(session);
                }
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, Context));
            }
        }

        #endregion
    }
}
