using System;

namespace PSSslSession.Commands
{
    /// <summary>
    /// A New, Remove or Get callback threw (ErrorId SessionCallbackFailed). The message names the event and the context;
    /// <see cref="Exception.InnerException"/> is what the callback threw.
    /// </summary>
    public sealed class SessionCallbackException : Exception
    {
        public SessionCallbackException(string message, Exception thrown) : base(message, thrown) { }
    }
}
