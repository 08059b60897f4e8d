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
    public sealed class ResolveSslSessionCommand : SslSessionCmdlet
    {
        #region Parameters

        /// <summary>The context: an SslContext or the name of a registered one (tab-completes).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [SslContextTransformation]
        [ArgumentCompleter(typeof(SslContextNameCompleter))]
        public SslContext Context { get; set; } = null!;

        /// <summary>The id the client offered: hex text or bytes.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [SessionIdTransformation]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public SessionId SessionId { get; set; }

        /// <summary>The client's protocol version; any when omitted.</summary>
        [Parameter]
        public SslProtocol? Protocol { get; set; }

        /// <summary>The connection's session-id context; the context's own when omitted.</summary>
        [Parameter]
        [ByteArrayTransformation]
        public byte[]? SessionIdContext { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            try
            {
                var result = Context.Lookup(SessionId, Protocol, SessionIdContext);
                WriteFaults(result);
                WriteObject(result);
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, SessionId));
            }
        }

        #endregion
    }
}
