using System;
using System.Collections.Generic;
using System.Management.Automation;
using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>New-SslSessionId</c> (<c>ssl_generate_session_id</c>): fresh ids from the context's generator (CSPRNG, prefix,
    /// or -SessionIdGenerator scriptblock), each not in its cache nor given out earlier in the call, at most 10 attempts
    /// each, as uppercase hex (the form -SessionId takes and sessions show). Nothing is cached.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SslSessionId")]
    [OutputType(typeof(string))]
    public sealed class NewSslSessionIdCommand : SslContextCmdlet
    {
        #region Parameters

        /// <summary>Id length in bytes (1…32; 32 as OpenSSL's SSL_MAX_SSL_SESSION_ID_LENGTH).</summary>
        [Parameter(Position = 1)]
        [ValidateRange(1, SessionId.MaxLength)]
        public int Length { get; set; } = SessionId.MaxLength;

        /// <summary>How many ids to make.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; } = 1;

        #endregion

        #region Overrides

        protected override void ProcessContext()
        {
            // The ids of one call are distinct: each is also checked against those given out before it.
            var given = Count > 1 ? new HashSet<SessionId>() : null;
            Func<SessionId, bool>? taken = given == null ? null : given.Contains;
            for (int i = 0; i < Count; i++)
            {
                try
                {
                    var id = TargetContext.GenerateSessionId(Length, taken);
                    given?.Add(id);
                    WriteObject(id.ToString());
                }
                catch (Exception e) when (IsReportable(e))
                {
                    WriteError(Error(e, TargetContext));
                    return;
                }
            }
        }

        #endregion
    }
}
