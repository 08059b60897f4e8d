using System;
using System.Management.Automation;
using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>New-SslSessionId</c> (<c>ssl_generate_session_id</c>, §B.10): a fresh id from the context's generator
    /// (CSPRNG, prefix, or -SessionIdGenerator scriptblock), not yet in its cache, at most 10 attempts.
    /// Nothing is cached.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SslSessionId")]
    [OutputType(typeof(SessionId))]
    public sealed class NewSslSessionIdCommand : SslSessionCmdlet
    {
        #region Parameters

        /// <summary>The context: an SslContext or the name of a registered one (tab-completes).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [SslContextTransformation]
        [ArgumentCompleter(typeof(SslContextNameCompleter))]
        public SslContext Context { get; set; } = null!;

        /// <summary>Id length in bytes (1…32; 32 as OpenSSL's SSL_MAX_SSL_SESSION_ID_LENGTH).</summary>
        [Parameter(Position = 1)]
        public int Length { get; set; } = SessionId.MaxLength;

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            try
            {
                WriteObject(Context.GenerateSessionId(Length));
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, Context));
            }
        }

        #endregion
    }
}
