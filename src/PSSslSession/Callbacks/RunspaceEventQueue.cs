using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Threading;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Delivers work into a runspace through PowerShell's event queue: removals the runspace did not make itself (the
    /// FlushInterval timer's, or another runspace's cmdlets on a context it shares) reach the remove callbacks registered
    /// in it there, on its pipeline thread, when it is between statements of whatever it runs or idle at the prompt, as a
    /// Register-ObjectEvent action does. Scriptblocks must never run on a timer thread or in another runspace.
    /// </summary>
    /// <remarks>
    /// Work waits in a queue of its own, and at most one PowerShell event is outstanding for it (a doorbell): the action
    /// drains everything queued. One event per batch made PowerShell start a "pulse" pipeline per event in an idle
    /// runspace, and pulses started concurrently crash the process (InvalidPipelineStateException on a thread-pool
    /// thread). One hidden subscription per runspace (not in Get-EventSubscriber); work posted once the runspace is no
    /// longer open is dropped.
    /// </remarks>
    internal sealed class RunspaceEventQueue : SynchronizationContext, ICallbackThreadAffinity
    {
        private static readonly ConditionalWeakTable<Runspace, RunspaceEventQueue> Queues = new ConditionalWeakTable<Runspace, RunspaceEventQueue>();

        // Runs the drain; PowerShell passes the event's arguments as $Event.SourceArgs.
        private static readonly ScriptBlock Action = ScriptBlock.Create("$Event.SourceArgs[0].Invoke()");

        private readonly PSEventManager _events;
        private readonly Runspace _runspace;
        private readonly string _sourceIdentifier = "PSSslSession.Background." + Guid.NewGuid().ToString("N");
        private readonly ConcurrentQueue<System.Action> _work = new ConcurrentQueue<System.Action>();
        // 1 while an event is outstanding or its drain runs: further posts only queue their work.
        private int _rung;

        private RunspaceEventQueue(Runspace runspace)
        {
            _runspace = runspace;
            _events = runspace.Events;
            _events.SubscribeEvent(null, null, _sourceIdentifier, null, Action, true, false);
        }

        /// <summary>The queue into <paramref name="runspace"/>; call it on that runspace's thread the first time.</summary>
        public static RunspaceEventQueue For(Runspace runspace) => Queues.GetValue(runspace, r => new RunspaceEventQueue(r));

        /// <summary>Whether this thread runs the runspace now (a scriptblock of it may run here).</summary>
        public bool IsCurrentThread => ReferenceEquals(Runspace.DefaultRunspace, _runspace);

        public override void Post(SendOrPostCallback d, object? state)
        {
            if (!IsOpen) return;
            _work.Enqueue(() =>
            {
                // Output of background work belongs to no cmdlet, even when the event is processed inside one's scriptblock.
                using (CallbackOutput.To(null)) d(state);
            });
            Ring();
        }

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("Work can only be posted into a runspace's event queue.");

        public override SynchronizationContext CreateCopy() => this;

        private bool IsOpen => _runspace.RunspaceStateInfo.State == RunspaceState.Opened;

        private void Ring()
        {
            if (Interlocked.Exchange(ref _rung, 1) == 1) return;
            try
            {
                _events.GenerateEvent(_sourceIdentifier, null, new object[] { (System.Action)Drain }, null);
            }
            catch (Exception) when (!IsOpen)
            {
                // Closing meanwhile: nothing will run there any more.
                Volatile.Write(ref _rung, 0);
            }
        }

        /// <summary>In the runspace: runs everything queued, including what is posted while it runs.</summary>
        private void Drain()
        {
            while (true)
            {
                try
                {
                    while (_work.TryDequeue(out var work)) work();
                }
                finally
                {
                    Volatile.Write(ref _rung, 0);
                }
                // Work queued after the last dequeue but before the bell was reset has rung nobody: take it now.
                if (_work.IsEmpty || Interlocked.Exchange(ref _rung, 1) == 1) return;
            }
        }
    }
}
