using System;
using System.Management.Automation;
using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary><c>Test-SslSessionId</c> (<c>SSL_has_matching_session_id</c>): whether the internal cache holds the id.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "SslSessionId")]
    [OutputType(typeof(bool))]
    public sealed class TestSslSessionIdCommand : SslContextCmdlet
    {
        #region Parameters

        /// <summary>The id: hex, bytes or a session.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SessionIdTransformation]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public SessionId SessionId { get; set; }

        /// <summary>Only under this protocol version; any when omitted.</summary>
        [Parameter]
        [ProtocolTransformation]
        [ArgumentCompleter(typeof(SslProtocolCompleter))]
        public SslProtocol? Protocol { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessContext()
        {
            try
            {
                WriteObject(TargetContext.HasMatchingSessionId(SessionId, Protocol));
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, SessionId.ToString()));
            }
        }

        #endregion
    }
}
