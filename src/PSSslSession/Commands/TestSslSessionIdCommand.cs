using System;
using System.Management.Automation;
using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary><c>Test-SslSessionId</c> (<c>SSL_has_matching_session_id</c>): whether the internal cache holds the id.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "SslSessionId")]
    [OutputType(typeof(bool))]
    public sealed class TestSslSessionIdCommand : SslSessionCmdlet
    {
        #region Parameters

        /// <summary>The context: an SslContext or the name of a registered one (tab-completes).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [SslContextTransformation]
        [ArgumentCompleter(typeof(SslContextNameCompleter))]
        public SslContext Context { get; set; } = null!;

        /// <summary>The id: hex text, bytes or a session.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SessionIdTransformation]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public SessionId SessionId { get; set; }

        /// <summary>Only under this protocol version; any when omitted.</summary>
        [Parameter]
        public SslProtocol? Protocol { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            try
            {
                WriteObject(Context.HasMatchingSessionId(SessionId, Protocol));
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, SessionId));
            }
        }

        #endregion
    }
}
