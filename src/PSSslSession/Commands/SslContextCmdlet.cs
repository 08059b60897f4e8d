using System;
using System.Collections.Generic;
using System.Management.Automation;
using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// A cmdlet that works on a context. -Context is declared here once for every such cmdlet: an SslContext or the name
    /// of a registered one (tab-completes), first position, and from the pipeline by value, so that
    /// <c>Get-SslContext | Get-SslSessionStats</c> works; where sessions are piped in, name the context instead.
    /// </summary>
    /// <remarks>
    /// A name is resolved when the cmdlet runs. An unknown name (ContextNotFound) or a removed context (ContextClosed)
    /// given as an argument stops the cmdlet before any input is processed; one that arrives through the pipeline is a
    /// non-terminating error for that input only.
    /// </remarks>
    public abstract class SslContextCmdlet : SslSessionCmdlet
    {
        private SslContextReference? _resolvedFrom;
        private readonly HashSet<string> _commandLine = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The context: an SslContext or the name of a registered one (tab-completes).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ArgumentCompleter(typeof(SslContextNameCompleter))]
        [ValidateNotNull]
        public SslContextReference Context { get; set; } = null!;

        /// <summary>The context -Context names, resolved.</summary>
        protected SslContext TargetContext { get; private set; } = null!;

        protected sealed override void BeginProcessing()
        {
            // Bound here means given on the command line; a context from the pipeline is bound per input.
            _commandLine.UnionWith(MyInvocation.BoundParameters.Keys);
            if (IsBound(nameof(Context)))
            {
                var problem = Resolve();
                if (problem != null) ThrowTerminatingError(problem);
            }
        }

        protected sealed override void ProcessRecord()
        {
            if (!ReferenceEquals(Context, _resolvedFrom))
            {
                if (TargetContext != null) WithCallbacks(EndContext);
                var problem = Resolve();
                if (problem != null)
                {
                    WriteError(problem);
                    return;
                }
            }
            WithCallbacks(ProcessContext);
        }

        /// <summary>Runs cmdlet work during which New and Remove callbacks may fire: they write to this cmdlet's output.</summary>
        private void WithCallbacks(Action work)
        {
            try
            {
                using (CallbackOutput.To(WriteObject)) work();
            }
            catch (CallbackAbortException e) when (e.InnerException != null)
            {
                // A callback's break, exit or stopped pipeline, as if the script had done it here.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }
        }

        protected sealed override void EndProcessing()
        {
            if (TargetContext != null) WithCallbacks(EndContext);
            if (TargetContext != null) WriteBackgroundFaults(TargetContext);
            var tooLarge = _tooLarge.WarningText();
            if (tooLarge != null) WriteWarning(tooLarge);
            WriteStoreFaultReport(TargetContext);
        }

        private readonly TooLargeReport _tooLarge = new TooLargeReport();

        /// <summary>Notes a session the context did not cache for its size; the call ends with one warning for all of them.</summary>
        protected void NoteTooLarge(SslSession session) => _tooLarge.Add(session, TargetContext);

        /// <summary>
        /// What the context did on its own since the last call (the FlushInterval timer) and could not report then: its
        /// callbacks' and store's failures, as errors of this call.
        /// </summary>
        private void WriteBackgroundFaults(SslContext context)
        {
            WriteFaults(context.TakeBackgroundFaults(out int dropped));
            if (dropped > 0)
                WriteWarning($"Context '{context.Name}' had {dropped} more failures in background work (the flush timer) than it keeps; only the first 1000 were reported.");
        }

        /// <summary>The cmdlet's work for one input, with <see cref="TargetContext"/> resolved.</summary>
        protected abstract void ProcessContext();

        /// <summary>
        /// Work the cmdlet held back for <see cref="TargetContext"/> (a batch): done before the pipeline moves to another
        /// context and at the end of the pipeline.
        /// </summary>
        protected virtual void EndContext() { }

        /// <summary>True when <paramref name="parameter"/> was given on the command line (not bound from the pipeline).</summary>
        protected bool FromCommandLine(string parameter) => _commandLine.Contains(parameter);

        /// <summary>Resolves -Context; the error when it names no open context.</summary>
        private ErrorRecord? Resolve()
        {
            var problem = ResolveOpenContext(Context, out var context);
            if (problem != null) return problem;
            TargetContext = context!;
            _resolvedFrom = Context;
            return null;
        }
    }
}
