using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Threading;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Delivers work into a runspace through PowerShell's event queue: what a context does on its own (the FlushInterval
    /// timer) reaches the remove callbacks registered in that runspace there, on its pipeline thread, when it is between
    /// statements of whatever it runs or idle at the prompt, as a Register-ObjectEvent action does. Scriptblocks must never
    /// run on a timer thread. One hidden subscription per runspace (it is not in Get-EventSubscriber); work posted after
    /// the runspace closed is dropped.
    /// </summary>
    internal sealed class RunspaceEventQueue : SynchronizationContext
    {
        private static readonly ConditionalWeakTable<Runspace, RunspaceEventQueue> Queues = new ConditionalWeakTable<Runspace, RunspaceEventQueue>();

        // Runs the posted work; PowerShell passes the event's arguments as $Event.SourceArgs.
        private static readonly ScriptBlock Action = ScriptBlock.Create("$Event.SourceArgs[0].Invoke()");

        private readonly PSEventManager _events;
        private readonly string _sourceIdentifier = "PSSslSession.Background." + Guid.NewGuid().ToString("N");

        private RunspaceEventQueue(Runspace runspace)
        {
            _events = runspace.Events;
            _events.SubscribeEvent(null, null, _sourceIdentifier, null, Action, true, false);
        }

        /// <summary>The queue into <paramref name="runspace"/>; call it on that runspace's thread the first time.</summary>
        public static RunspaceEventQueue For(Runspace runspace) => Queues.GetValue(runspace, r => new RunspaceEventQueue(r));

        public override void Post(SendOrPostCallback d, object? state)
        {
            System.Action work = () =>
            {
                // Output of background work belongs to no cmdlet, even when the event is processed inside one's scriptblock.
                using (CallbackOutput.To(null)) d(state);
            };
            _events.GenerateEvent(_sourceIdentifier, null, new object[] { work }, null);
        }

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("Work can only be posted into a runspace's event queue.");

        public override SynchronizationContext CreateCopy() => this;
    }
}
