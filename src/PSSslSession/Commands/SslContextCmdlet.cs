using System;
using System.Management.Automation;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// A cmdlet that works on a context. -Context is declared here once for every such cmdlet: an SslContext or the name
    /// of a registered one (tab-completes), first position, and from the pipeline by value, so that
    /// <c>Get-SslContext | Get-SslSessionStats</c> works; where sessions are piped in, name the context instead.
    /// </summary>
    /// <remarks>
    /// A name is resolved when the cmdlet runs. An unknown name given as an argument stops the cmdlet before any input
    /// is processed (terminating ContextNotFound); one that arrives through the pipeline is a non-terminating
    /// ContextNotFound for that input only.
    /// </remarks>
    public abstract class SslContextCmdlet : SslSessionCmdlet
    {
        private SslContextReference? _resolvedFrom;

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
            if (IsBound(nameof(Context)) && !Resolve()) ThrowTerminatingError(NotFound());
        }

        protected sealed override void ProcessRecord()
        {
            if (!ReferenceEquals(Context, _resolvedFrom) && !Resolve())
            {
                WriteError(NotFound());
                return;
            }
            // New and Remove callbacks that this input triggers write to this cmdlet's output.
            using (CallbackOutput.To(WriteObject)) ProcessContext();
        }

        /// <summary>The cmdlet's work for one input, with <see cref="TargetContext"/> resolved.</summary>
        protected abstract void ProcessContext();

        private bool Resolve()
        {
            if (!Context.TryResolve(out var context) || context == null) return false;
            TargetContext = context;
            _resolvedFrom = Context;
            return true;
        }

        private ErrorRecord NotFound()
        {
            return Error(new SslContextException(SslContextError.ContextNotFound, ShouldProcessTarget.NotFound(Context.Name)), Context.Name);
        }
    }
}
