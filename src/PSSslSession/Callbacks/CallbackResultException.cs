using System;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>A get-session callback returned something that is not a session (ErrorId <c>InvalidCallbackResult</c>).</summary>
    public sealed class CallbackResultException : InvalidOperationException
    {
        /// <summary>Creates the exception; <paramref name="inner"/> is the codec failure, if any.</summary>
        public CallbackResultException(string message, Exception? inner = null) : base(message, inner) { }
    }
}
