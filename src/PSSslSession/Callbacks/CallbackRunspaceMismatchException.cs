using System;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// A scriptblock callback fired on a thread whose current runspace is not the one it was registered
    /// in (or has none). Running the scriptblock there could crash the process, so the callback is
    /// skipped and this becomes a fault (ErrorId <c>CallbackRunspaceMismatch</c>) of the triggering operation.
    /// </summary>
    public sealed class CallbackRunspaceMismatchException : InvalidOperationException
    {
        /// <param name="callback">Which callback: "New", "Remove", "Get" or "SessionIdGenerator".</param>
        /// <param name="contextName">The context it belongs to.</param>
        public CallbackRunspaceMismatchException(string callback, string contextName)
            : base($"The {callback} callback of context '{contextName}' was not run: this thread's runspace is not the one it was registered in. Register it in the runspace that triggers it.")
        {
            Callback = callback;
            ContextName = contextName;
        }

        /// <summary>Which callback was skipped.</summary>
        public string Callback { get; }
        /// <summary>The context whose operation triggered it.</summary>
        public string ContextName { get; }
    }
}
