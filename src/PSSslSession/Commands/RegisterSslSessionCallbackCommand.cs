using System;
using System.Management.Automation;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Register-SslSessionCallback</c> (<c>SSL_CTX_sess_set_new_cb</c> / <c>_remove_cb</c> / <c>_get_cb</c>):
    /// attaches a scriptblock to a context's New, Remove or Get event. The scriptblock gets $Session,
    /// $Context, $Reason (Remove) or $SessionId (Get) as variables and as the same-named parameters it
    /// declares, and $_ (the session, or the id for Get). A Get callback outputs a session, DER bytes,
    /// PEM/base64 text or nothing. It runs on the triggering cmdlet's thread, outside the engine's locks, and
    /// only in the runspace it was registered in. A failure becomes a non-terminating error of the
    /// triggering cmdlet; the operation completes.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Register, "SslSessionCallback", SupportsShouldProcess = true)]
    [OutputType(typeof(SessionCallbackRegistration))]
    public sealed class RegisterSslSessionCallbackCommand : SslContextCmdlet
    {
        #region Parameters

        /// <summary>New (sess_set_new_cb), Remove (sess_set_remove_cb) or Get (sess_set_get_cb).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        public SessionCallbackEvent Event { get; set; }

        /// <summary>The callback; see about_PSSslSession for its variables and output.</summary>
        [Parameter(Mandatory = true, Position = 2)]
        public ScriptBlock ScriptBlock { get; set; } = null!;

        /// <summary>Outputs the registration (for Unregister-SslSessionCallback -Registration).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessContext()
        {
            if (!ShouldProcess(Describe(TargetContext), $"Register a {Event} callback")) return;
            var callback = new ScriptBlockCallback(ScriptBlock, Event.ToString());
            SessionCallbackRegistration registration;
            try
            {
                switch (Event)
                {
                    case SessionCallbackEvent.New: registration = TargetContext.RegisterNewCallback(callback.OnNew, callback.Description); break;
                    case SessionCallbackEvent.Remove:
                        // The timer flush's removals come through this runspace's event queue, never a timer thread.
                        var runspace = System.Management.Automation.Runspaces.Runspace.DefaultRunspace;
                        registration = TargetContext.RegisterRemoveCallback(callback.OnRemove, callback.Description,
                            runspace == null ? null : RunspaceEventQueue.For(runspace));
                        break;
                    default: registration = TargetContext.RegisterGetCallback(callback.OnGet, callback.Description); break;
                }
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, TargetContext));
                return;
            }
            if (PassThru) WriteObject(registration);
        }

        #endregion
    }
}
