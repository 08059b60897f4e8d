using System;
using System.Management.Automation;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Unregister-SslSessionCallback</c>: detaches callbacks (OpenSSL: setting the callback to NULL): every
    /// callback of a context, those of one -Event, or given -Registration objects.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Unregister, "SslSessionCallback", SupportsShouldProcess = true, DefaultParameterSetName = EventSet)]
    [OutputType(typeof(void))]
    public sealed class UnregisterSslSessionCallbackCommand : SslContextCmdlet
    {
        private const string EventSet = "Event";
        private const string RegistrationSet = "Registration";

        #region Parameters

        /// <summary>Only this event's callbacks; all when omitted.</summary>
        [Parameter(Position = 1, ParameterSetName = EventSet)]
        public SessionCallbackEvent? Event { get; set; }

        /// <summary>Registrations from Register-SslSessionCallback -PassThru or $context.Callbacks.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RegistrationSet)]
        public SessionCallbackRegistration[] Registration { get; set; } = null!;

        #endregion

        #region Overrides

        protected override void ProcessContext()
        {
            try
            {
                if (ParameterSetName == EventSet)
                {
                    if (!ShouldProcess(Describe(TargetContext), Event.HasValue ? $"Unregister every {Event.Value} callback" : "Unregister every callback")) return;
                    var count = TargetContext.UnregisterCallbacks(Event);
                    WriteVerbose($"Unregistered {count} callback(s) from {Describe(TargetContext)}.");
                    return;
                }
                foreach (var registration in Registration)
                {
                    if (registration == null || !ShouldProcess(Describe(TargetContext), $"Unregister a {registration.Event} callback")) continue;
                    if (!TargetContext.UnregisterCallback(registration))
                    {
                        var e = new ItemNotFoundException($"This {registration.Event} callback is not registered on {Describe(TargetContext)}.");
                        WriteError(Error(e, ErrorCatalog.CallbackNotFound, ErrorCategory.ObjectNotFound, registration));
                    }
                }
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, TargetContext));
            }
        }

        #endregion
    }
}
