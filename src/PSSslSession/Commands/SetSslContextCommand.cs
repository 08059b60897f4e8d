using System;
using System.Collections.Generic;
using System.Management.Automation;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Set-SslContext</c>: changes a context's settings (<c>SSL_CTX_set_session_cache_mode</c>,
    /// <c>_set_timeout</c>, <c>_sess_set_cache_size</c>, <c>_set_session_id_context</c>,
    /// <c>_set_generate_session_id</c>). Only the parameters given change ("not given" differs from "set to the
    /// default"), and every one is checked before any is applied: one bad value changes nothing.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SslContext", SupportsShouldProcess = true)]
    [OutputType(typeof(SslContext))]
    public sealed class SetSslContextCommand : SslContextCmdlet
    {
        #region Parameters

        /// <summary>SSL_CTX_set_session_cache_mode.</summary>
        [Parameter]
        public SslSessionCacheMode CacheMode { get; set; }

        /// <summary>0 = unlimited. Shrinking evicts nothing by itself: the next add evicts down to the new size (remove callbacks fire, reason Evicted), as SSL_CTX_sess_set_cache_size does.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int CacheSize { get; set; }

        /// <summary>A TimeSpan or seconds; applies to sessions created from now on.</summary>
        [Parameter]
        [DurationTransformation]
        [ValidateNonNegativeDuration]
        public TimeSpan Timeout { get; set; }

        /// <summary>The largest session to cache, in DER bytes; 0 = no limit. Applies to sessions added from now on.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public long MaxSessionSize { get; set; }

        /// <summary>The cache's byte budget beside -CacheSize; 0 = none. Lowering it evicts at the next add, as -CacheSize does.</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long MaxBytes { get; set; }

        /// <summary>The period of the timer flush, a TimeSpan or seconds; 0 stops it.</summary>
        [Parameter]
        [DurationTransformation]
        [ValidateNonNegativeDuration]
        public TimeSpan FlushInterval { get; set; }

        /// <summary>SSL_CTX_set_session_id_context: text (its UTF-8 bytes), 0x-hex or bytes (≤ 32); empty clears it.</summary>
        [Parameter]
        [TextBytesTransformation]
        [ValidateCount(0, 32)]
        [AllowEmptyCollection]
        [AllowEmptyString]
        public byte[]? SessionIdContext { get; set; }

        /// <summary>Prefix of generated ids: text (its UTF-8 bytes, e.g. 'www-18'), 0x-hex or bytes (≤ 31, leaving random bytes); $null removes it.</summary>
        [Parameter]
        [TextBytesTransformation]
        [ValidateCount(0, 31)]
        [AllowNull]
        [AllowEmptyString]
        public byte[]? SessionIdPrefix { get; set; }

        /// <summary>Generates ids: gets $Context and $MaxLength, outputs bytes or hex; $null restores the CSPRNG.</summary>
        [Parameter]
        [AllowNull]
        public ScriptBlock? SessionIdGenerator { get; set; }

        /// <summary>Attaches a store (its unexpired sessions load); $null detaches the current one.</summary>
        [Parameter]
        [AllowNull]
        public ISslSessionStore? Store { get; set; }

        /// <summary>OpenSSL 3.0's cache behaviours (size−1 capacity, empty-id sessions not evicted, re-adds re-ordered); -OpenSslCompat:$false turns them off.</summary>
        [Parameter]
        public SwitchParameter OpenSslCompat { get; set; }

        /// <summary>Outputs the context.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessContext()
        {
            var settings = new SslContextSettings();
            var changes = new List<string>();
            if (IsBound(nameof(CacheMode))) { settings.CacheMode = CacheMode; changes.Add($"CacheMode {CacheMode}"); }
            if (IsBound(nameof(CacheSize))) { settings.CacheSize = CacheSize; changes.Add($"CacheSize {CacheSize}"); }
            if (IsBound(nameof(Timeout))) { settings.Timeout = Timeout; changes.Add($"Timeout {Timeout}"); }
            if (IsBound(nameof(MaxSessionSize))) { settings.MaxSessionSize = (int)MaxSessionSize; changes.Add($"MaxSessionSize {MaxSessionSize}"); }
            if (IsBound(nameof(MaxBytes))) { settings.MaxBytes = MaxBytes; changes.Add($"MaxBytes {MaxBytes}"); }
            if (IsBound(nameof(FlushInterval))) { settings.FlushInterval = FlushInterval; changes.Add($"FlushInterval {FlushInterval}"); }
            if (IsBound(nameof(SessionIdContext))) { settings.SessionIdContext = SessionIdContext ?? Array.Empty<byte>(); changes.Add(nameof(SessionIdContext)); }
            if (IsBound(nameof(SessionIdPrefix))) { settings.SessionIdPrefix = SessionIdPrefix; changes.Add(nameof(SessionIdPrefix)); }
            if (IsBound(nameof(SessionIdGenerator)))
            {
                settings.SessionIdGenerator = SessionIdGenerator == null ? null
                    : new SessionIdGenerator(new ScriptBlockCallback(SessionIdGenerator, "SessionIdGenerator").OnGenerate);
                changes.Add(nameof(SessionIdGenerator));
            }
            if (IsBound(nameof(Store))) { settings.Store = Store; changes.Add(Store == null ? "detach the store" : $"Store {Store}"); }
            if (IsBound(nameof(OpenSslCompat))) { settings.OpenSslCompat = OpenSslCompat.IsPresent; changes.Add($"OpenSslCompat {OpenSslCompat.IsPresent}"); }

            if (changes.Count > 0)
            {
                if (!ShouldProcess(Describe(TargetContext), "Set " + string.Join(", ", changes))) return;
                var others = TargetContext.SharedWith;
                if (others.Count > 0 && settings.ConflictWithCacheOf(TargetContext) != null)
                    WriteVerbose($"{Describe(TargetContext)} shares its cache: its size, timeout, byte limits, flush interval, store and OpenSslCompat change for '{string.Join("', '", others)}' too.");
                try
                {
                    WriteFaults(TargetContext.Configure(settings));
                    if (settings.MaxSessionSize.HasValue || settings.MaxBytes.HasValue) WarnIfSizeLimitsOverlap(TargetContext);
                }
                catch (Exception e) when (IsReportable(e))
                {
                    // Per context: with several piped in, the others are still set.
                    WriteError(Error(e, TargetContext));
                    return;
                }
            }
            if (PassThru) WriteObject(TargetContext);
        }

        #endregion
    }
}
