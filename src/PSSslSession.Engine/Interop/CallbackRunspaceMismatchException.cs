using System;

namespace PSSslSession.Engine.Interop
{
    /// <summary>
    /// A scriptblock callback fired on a thread whose current runspace is not the one it was registered
    /// in (or has none). Running the scriptblock there could crash the process, so the callback is
    /// skipped and this becomes a fault (ErrorId <c>CallbackRunspaceMismatch</c>) of the triggering operation.
    /// </summary>
    public sealed class CallbackRunspaceMismatchException : InvalidOperationException
    {
        public CallbackRunspaceMismatchException(SessionCallbackEvent @event, string contextName)
            : base($"The {@event} callback of context '{contextName}' was not run: it was registered in another runspace than the one on this thread. Register it in the runspace that triggers it.")
        {
            Event = @event;
            ContextName = contextName;
        }

        public SessionCallbackEvent Event { get; }
        public string ContextName { get; }
    }
}
