using System;
using System.Management.Automation;
using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Shared plumbing of the module's cmdlets: ErrorRecords from the one error table (<see cref="ErrorCatalog"/>),
    /// faults of cache operations as non-terminating errors, and the texts ShouldProcess and messages name things by.
    /// </summary>
    public abstract class SslSessionCmdlet : PSCmdlet
    {
        /// <summary>An ErrorRecord with an explicit id and category; <paramref name="target"/> is the failing item.</summary>
        protected static ErrorRecord Error(Exception exception, string id, ErrorCategory category, object? target) =>
            new ErrorRecord(exception, id, category, target);

        /// <summary>An ErrorRecord whose id and category come from <see cref="ErrorCatalog"/>.</summary>
        protected static ErrorRecord Error(Exception exception, object? target, bool reading = false) =>
            ErrorCatalog.Record(exception, target, reading);

        /// <summary>An ErrorRecord for a failure with one session, whose message starts with the session it concerns.</summary>
        protected static ErrorRecord Error(Exception exception, SslSession session)
        {
            var record = ErrorCatalog.Record(exception, session);
            record.ErrorDetails = new ErrorDetails($"Session {Describe(session)}: {record.Exception.Message}");
            return record;
        }

        private readonly StoreFaultReport _storeFaults = new StoreFaultReport();

        /// <summary>
        /// Writes the faults of a cache operation as non-terminating errors: each throwing callback, and each permanent
        /// store failure of a read. A store that did not answer, and writes it lost, are summed over the whole call and
        /// reported once when it ends (<see cref="WriteStoreFaultReport"/>).
        /// </summary>
        protected void WriteFaults(SslCacheOperationResult? result)
        {
            if (result != null) WriteFaults(result.Faults);
        }

        /// <summary>Writes faults as <see cref="WriteFaults(SslCacheOperationResult)"/> does.</summary>
        protected void WriteFaults(System.Collections.Generic.IEnumerable<SslCacheFault> faults)
        {
            foreach (var fault in faults)
                if (!_storeFaults.Add(fault)) WriteError(ErrorCatalog.Record(fault));
        }

        /// <summary>The call's store summary: a warning per store that did not answer, an error per store that lost writes.</summary>
        protected void WriteStoreFaultReport(SslContext? context)
        {
            foreach (var entry in _storeFaults.Entries)
            {
                if (entry.NeedsWarning) WriteWarning(entry.WarningText(context?.StoreWritesPending ?? 0));
                if (entry.Dropped > 0)
                {
                    var category = ErrorCatalog.ForFault(entry.First).Category;
                    WriteError(new ErrorRecord(entry.First.Exception, ErrorCatalog.SessionStoreWritesDropped, category, entry.First.ContextName)
                    {
                        ErrorDetails = new ErrorDetails(entry.ErrorText),
                    });
                }
            }
            _storeFaults.Clear();
        }

        /// <summary>False for the exceptions PowerShell itself must see (pipeline stop, flow control).</summary>
        protected static bool IsReportable(Exception e) =>
            !(e is PipelineStoppedException || e is OutOfMemoryException || e is FlowControlException || e is CallbackAbortException);

        /// <summary>The ShouldProcess target for a session: "&lt;hex id&gt; (TLSv1.2)".</summary>
        protected static string Describe(SslSession session) => ShouldProcessTarget.Of(session);

        /// <summary>The ShouldProcess target for a context: "context 'web'".</summary>
        protected static string Describe(SslContext context) => ShouldProcessTarget.Of(context);

        /// <summary>A PowerShell DateTime (local, UTC or unspecified = local, as Get-Date gives) as a UTC instant.</summary>
        protected static DateTimeOffset ToInstant(DateTime value) => InstantInput.ToInstant(value);

        /// <summary>
        /// The open context <paramref name="reference"/> names; else the ErrorRecord to report (ContextNotFound with the
        /// registered names, ContextClosed for a removed one) and a null context.
        /// </summary>
        protected static ErrorRecord? ResolveOpenContext(SslContextReference reference, out SslContext? context)
        {
            if (!reference.TryResolve(out context) || context == null)
                return Error(new SslContextException(SslContextError.ContextNotFound, ShouldProcessTarget.NotFound(reference.Name)), reference.Name);
            if (!context.IsClosed) return null;
            var closed = context;
            context = null;
            return Error(new SslContextException(SslContextError.ContextClosed, $"The SSL context '{closed.Name}' was removed and cannot be used."), closed);
        }

        /// <summary>Warns when a context's per-session limit cannot bind: every session over its MaxBytes budget is refused anyway.</summary>
        protected void WarnIfSizeLimitsOverlap(SslContext context)
        {
            if (context.MaxSessionSize > 0 && context.MaxBytes > 0 && context.MaxSessionSize > context.MaxBytes)
                WriteWarning($"{Describe(context)} has MaxSessionSize {context.MaxSessionSize} bytes, over its whole MaxBytes budget of {context.MaxBytes} bytes: sessions over {context.MaxBytes} bytes are not cached either way.");
        }

        /// <summary>True when the caller gave this parameter (on the command line or from the pipeline).</summary>
        protected bool IsBound(string parameterName) => MyInvocation.BoundParameters.ContainsKey(parameterName);
    }
}
