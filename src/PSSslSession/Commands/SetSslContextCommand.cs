using System;
using System.Collections.Generic;
using System.Management.Automation;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Set-SslContext</c>: changes a context's settings (<c>SSL_CTX_set_session_cache_mode</c>,
    /// <c>_set_timeout</c>, <c>_sess_set_cache_size</c>, <c>_set_session_id_context</c>,
    /// <c>_set_generate_session_id</c>). Only the parameters given change: "not given" differs from
    /// "set to the default".
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SslContext", SupportsShouldProcess = true)]
    [OutputType(typeof(SslContext))]
    public sealed class SetSslContextCommand : SslSessionCmdlet
    {
        #region Parameters

        /// <summary>The context: an SslContext or the name of a registered one (tab-completes).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [SslContextTransformation]
        [ArgumentCompleter(typeof(SslContextNameCompleter))]
        public SslContext Context { get; set; } = null!;

        /// <summary>SSL_CTX_set_session_cache_mode.</summary>
        [Parameter]
        public SslSessionCacheMode CacheMode { get; set; }

        /// <summary>0 = unlimited. Shrinking evicts nothing by itself: the next add evicts down to the new size (remove callbacks fire, reason Evicted), as SSL_CTX_sess_set_cache_size does.</summary>
        [Parameter]
        public int CacheSize { get; set; }

        /// <summary>A TimeSpan or seconds; applies to sessions created from now on.</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan Timeout { get; set; }

        /// <summary>SSL_CTX_set_session_id_context: hex text or bytes (≤ 32); empty clears it.</summary>
        [Parameter]
        [ByteArrayTransformation]
        [AllowEmptyCollection]
        public byte[]? SessionIdContext { get; set; }

        /// <summary>Prefix of generated ids (hex or bytes); $null removes it.</summary>
        [Parameter]
        [ByteArrayTransformation]
        [AllowNull]
        public byte[]? SessionIdPrefix { get; set; }

        /// <summary>Generates ids: gets $Context and $MaxLength, outputs bytes or hex; $null restores the CSPRNG.</summary>
        [Parameter]
        [AllowNull]
        public ScriptBlock? SessionIdGenerator { get; set; }

        /// <summary>Attaches a store (its unexpired sessions load); $null detaches the current one.</summary>
        [Parameter]
        [AllowNull]
        public ISslSessionStore? Store { get; set; }

        /// <summary>OpenSSL 3.0's size−1 capacity; -OpenSslCompat:$false turns it off.</summary>
        [Parameter]
        public SwitchParameter OpenSslCompat { get; set; }

        /// <summary>Outputs the context.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            var bound = MyInvocation.BoundParameters;
            var changes = new List<string>();
            foreach (var name in new[] { nameof(CacheMode), nameof(CacheSize), nameof(Timeout), nameof(SessionIdContext), nameof(SessionIdPrefix), nameof(SessionIdGenerator), nameof(Store), nameof(OpenSslCompat) })
                if (bound.ContainsKey(name)) changes.Add(name);
            if (changes.Count > 0 && !ShouldProcess(Describe(Context), "Set " + string.Join(", ", changes)))
                return;

            try
            {
                if (bound.ContainsKey(nameof(CacheMode))) Context.CacheMode = CacheMode;
                if (bound.ContainsKey(nameof(CacheSize))) Context.CacheSize = CacheSize;
                if (bound.ContainsKey(nameof(Timeout))) Context.Timeout = Timeout;
                if (bound.ContainsKey(nameof(SessionIdContext))) Context.SessionIdContext = SessionIdContext ?? Array.Empty<byte>();
                if (bound.ContainsKey(nameof(SessionIdPrefix))) Context.SessionIdPrefix = SessionIdPrefix;
                if (bound.ContainsKey(nameof(SessionIdGenerator)))
                    Context.SessionIdGenerator = SessionIdGenerator == null ? null : new SessionIdGenerator(new ScriptBlockCallback(SessionIdGenerator, "SessionIdGenerator").OnGenerate);
                if (bound.ContainsKey(nameof(OpenSslCompat))) Context.OpenSslCapacityQuirk = OpenSslCompat.IsPresent;
                if (bound.ContainsKey(nameof(Store))) WriteFaults(Context.AttachStore(Store));
            }
            catch (SslContextException e) when (e.Reason == SslContextError.ContextClosed)
            {
                WriteError(Error(e, Context));
                return;
            }
            catch (Exception e) when (IsReportable(e))
            {
                ThrowTerminatingError(Error(e, Context));
            }
            if (PassThru) WriteObject(Context);
        }

        #endregion
    }
}
