using System;
using System.Management.Automation;
using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Resolve-SslSession</c> (<c>lookup_sess_in_cache</c> + <c>ssl_get_prev_session</c>, §B.8): the server's
    /// resume lookup: internal cache, then get callbacks and the store, then the checks. The result's
    /// Outcome says why a session did or did not resume; the hit/miss/timeout counters change as in OpenSSL.
    /// Not a ShouldProcess cmdlet: it is a lookup (it only drops an expired session it finds, as OpenSSL does).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Resolve, "SslSession")]
    [OutputType(typeof(SslLookupResult))]
    public sealed class ResolveSslSessionCommand : SslContextCmdlet
    {
        #region Parameters

        /// <summary>The id the client offered: hex, bytes or a session.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SessionIdTransformation]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public SessionId SessionId { get; set; }

        /// <summary>The client's protocol version; any when omitted.</summary>
        [Parameter]
        [ProtocolTransformation]
        [ArgumentCompleter(typeof(SslProtocolCompleter))]
        public SslProtocol? Protocol { get; set; }

        /// <summary>The connection's session-id context: text (its UTF-8 bytes), 0x-hex or bytes (≤ 32); the context's own when omitted.</summary>
        [Parameter]
        [TextBytesTransformation]
        [ValidateCount(0, 32)]
        [AllowEmptyString]
        public byte[]? SessionIdContext { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessContext()
        {
            try
            {
                var result = TargetContext.Lookup(SessionId, Protocol, SessionIdContext);
                WriteFaults(result);
                WriteObject(result);
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, SessionId.ToString()));
            }
        }

        #endregion
    }
}
