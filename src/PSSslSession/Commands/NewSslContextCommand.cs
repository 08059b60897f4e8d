using System;
using System.Management.Automation;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>New-SslContext</c>: creates a context with its session cache and registers it by name
    /// (<c>SSL_CTX_new</c> + <c>SSL_CTX_set_session_cache_mode</c>, <c>_sess_set_cache_size</c>,
    /// <c>_set_timeout</c>, <c>_set_session_id_context</c>). What is not given keeps OpenSSL's default.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SslContext", SupportsShouldProcess = true)]
    [OutputType(typeof(SslContext))]
    public sealed class NewSslContextCommand : SslSessionCmdlet
    {
        #region Parameters

        /// <summary>Unique (case-insensitive) name other cmdlets use for -Context.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = null!;

        /// <summary>SSL_CTX_set_session_cache_mode; default Server.</summary>
        [Parameter]
        public SslSessionCacheMode CacheMode { get; set; }

        /// <summary>SSL_CTX_sess_set_cache_size; 0 = unlimited; default 20480.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int CacheSize { get; set; }

        /// <summary>SSL_CTX_set_timeout: a TimeSpan or seconds; default 7200 s.</summary>
        [Parameter]
        [DurationTransformation]
        [ValidateNonNegativeDuration]
        public TimeSpan Timeout { get; set; }

        /// <summary>The largest session to cache, in DER bytes (a session's EncodedLength); 0 = no limit (the default). Larger sessions are neither cached nor stored, and count in TooLarge.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public long MaxSessionSize { get; set; }

        /// <summary>The cache's byte budget beside -CacheSize (e.g. 64MB); 0 = none (the default). Adding evicts the earliest-expiring sessions until both hold.</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long MaxBytes { get; set; }

        /// <summary>Flushes expired sessions on this period, a TimeSpan or seconds, without any cmdlet being called; 0 = off (the default).</summary>
        [Parameter]
        [DurationTransformation]
        [ValidateNonNegativeDuration]
        public TimeSpan FlushInterval { get; set; }

        /// <summary>SSL_CTX_set_session_id_context: text (its UTF-8 bytes), 0x-hex or bytes; at most 32 bytes.</summary>
        [Parameter]
        [TextBytesTransformation]
        [ValidateCount(0, 32)]
        public byte[]? SessionIdContext { get; set; }

        /// <summary>An external store (New-SslSessionStore) whose unexpired sessions load into the cache.</summary>
        [Parameter]
        public ISslSessionStore? Store { get; set; }

        /// <summary>Behave as OpenSSL 3.0's cache where the module differs by default: size−1 capacity, empty-id sessions not evicted, re-adds re-ordered.</summary>
        [Parameter]
        public SwitchParameter OpenSslCompat { get; set; }

        /// <summary>Use this context's cache (an SslContext or a name) instead of a new one; the cache's settings stay as they are.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(SslContextNameCompleter))]
        [ValidateNotNull]
        public SslContextReference? ShareCacheWith { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            var settings = new SslContextSettings
            {
                CacheMode = IsBound(nameof(CacheMode)) ? CacheMode : (SslSessionCacheMode?)null,
                CacheSize = IsBound(nameof(CacheSize)) ? CacheSize : (int?)null,
                Timeout = IsBound(nameof(Timeout)) ? Timeout : (TimeSpan?)null,
                SessionIdContext = SessionIdContext,
                MaxSessionSize = IsBound(nameof(MaxSessionSize)) ? (int)MaxSessionSize : (int?)null,
                MaxBytes = IsBound(nameof(MaxBytes)) ? MaxBytes : (long?)null,
                FlushInterval = IsBound(nameof(FlushInterval)) ? FlushInterval : (TimeSpan?)null,
                OpenSslCompat = IsBound(nameof(OpenSslCompat)) ? OpenSslCompat.IsPresent : (bool?)null,
            };
            var host = ResolveHost();
            if (host != null)
            {
                // The cache's settings are every member's: a newcomer may repeat them, not change them by the way.
                var conflict = settings.ConflictWithCacheOf(host)
                    ?? (IsBound(nameof(Store)) ? new SslContextSettings { Store = Store }.ConflictWithCacheOf(host) : null);
                if (conflict != null)
                    ThrowTerminatingError(Error(new SslContextException(SslContextError.SharedCacheConflict,
                        $"Context '{Name}' would share the cache of '{host.Name}' but asks for {conflict}: that setting belongs to every context of the cache. Leave it out, or change it for all of them with Set-SslContext."), Name));
            }
            SslContext context = null!;
            try
            {
                context = new SslContext(Name, shareCacheWith: host);
                context.Configure(settings);
            }
            catch (Exception e) when (IsReportable(e))
            {
                // Invalid configuration: stop, as for any other bad setting.
                ThrowTerminatingError(Error(e, Name));
            }

            if (!ShouldProcess(Describe(context), "Create and register SSL context"))
            {
                // Nobody can reach it: stop its flush timer now rather than at the next garbage collection.
                context.Close();
                return;
            }
            try
            {
                SslContextRegistry.Default.Register(context);
            }
            catch (Exception e) when (IsReportable(e))
            {
                context.Close();
                WriteError(Error(e, Name));
                return;
            }
            if (Store != null && host == null) WriteFaults(context.AttachStore(Store));
            WarnIfSizeLimitsOverlap(context);
            WriteStoreFaultReport(context);
            WriteObject(context);
        }

        #endregion

        /// <summary>The context -ShareCacheWith names, or null; stops the cmdlet when it names no open context.</summary>
        private SslContext? ResolveHost()
        {
            if (ShareCacheWith == null) return null;
            var problem = ResolveOpenContext(ShareCacheWith, out var host);
            if (problem != null) ThrowTerminatingError(problem);
            return host;
        }
    }
}
