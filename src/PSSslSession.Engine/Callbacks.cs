using PSSslSession.Codec;

namespace PSSslSession.Engine
{
    /// <summary>New-session callback (<c>SSL_CTX_sess_set_new_cb</c>). Runs on the caller's thread, never under a cache lock.</summary>
    public delegate void NewSessionCallback(SslContext context, SslSession session);

    /// <summary>Remove-session callback (<c>SSL_CTX_sess_set_remove_cb</c>), once per session that leaves the cache.</summary>
    public delegate void RemoveSessionCallback(SslContext context, SslSession session, SessionRemovalReason reason);

    /// <summary>
    /// Get-session callback (<c>SSL_CTX_sess_set_get_cb</c>): asked for a session the internal cache did not have.
    /// Returns the session or null.
    /// </summary>
    public delegate SslSession? GetSessionCallback(SslContext context, SessionId sessionId);

    /// <summary>
    /// Custom session-id generator (<c>SSL_CTX_set_generate_session_id</c>). Returns 1…<paramref name="maxLength"/>
    /// bytes; null or an empty array means "could not generate" (SSL_R_SSL_SESSION_ID_CALLBACK_FAILED).
    /// </summary>
    public delegate byte[]? SessionIdGenerator(SslContext context, int maxLength);

    /// <summary>
    /// A background context (<see cref="SslContext.RegisterRemoveCallback"/>) bound to one thread, such as a PowerShell
    /// runspace's pipeline thread: a remove callback registered with it runs inline when a removal happens on that
    /// thread, and is posted to it from any other (instead of running where it cannot).
    /// </summary>
    public interface ICallbackThreadAffinity
    {
        /// <summary>Whether the calling thread is the one the callback may run on.</summary>
        bool IsCurrentThread { get; }
    }

    /// <summary>A registered callback; pass it to <see cref="SslContext.UnregisterCallback"/>.</summary>
    public sealed class SessionCallbackRegistration
    {
        internal SessionCallbackRegistration(SessionCallbackEvent @event, System.Delegate handler, string? description, System.Threading.SynchronizationContext? backgroundContext = null)
        {
            Event = @event;
            Handler = handler;
            Description = description ?? handler.Method.Name;
            BackgroundContext = backgroundContext;
        }

        /// <summary>New, Remove or Get.</summary>
        public SessionCallbackEvent Event { get; }

        /// <summary>What the registrant said the callback is, for listings.</summary>
        public string Description { get; }

        internal System.Delegate Handler { get; }

        /// <summary>Where a remove callback runs for the timer flush (see <see cref="SslContext.RegisterRemoveCallback"/>).</summary>
        internal System.Threading.SynchronizationContext? BackgroundContext { get; }

        public override string ToString() => $"{Event}: {Description}";
    }
}
