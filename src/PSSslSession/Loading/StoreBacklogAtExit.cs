using System;
using System.Threading;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// When the process exits, writes that still wait for a store get one more chance (up to <see cref="Wait"/> for all
    /// contexts together), and what still cannot be written is said on standard error: a warning promised those writes,
    /// so they are not dropped silently.
    /// </summary>
    internal static class StoreBacklogAtExit
    {
        /// <summary>How long an exiting process waits, in all, for stores that do not answer.</summary>
        internal static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

        private static int _registered;

        public static void Register()
        {
            if (Interlocked.Exchange(ref _registered, 1) == 1) return;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Drain();
        }

        private static void Drain()
        {
            var deadline = DateTime.UtcNow + Wait;
            foreach (var context in SslContextRegistry.Default.Contexts)
            {
                if (context.StoreWritesPending == 0) continue;
                var left = deadline - DateTime.UtcNow;
                int lost = context.DrainStoreBacklog(left > TimeSpan.Zero ? left : TimeSpan.Zero);
                if (lost > 0)
                    Console.Error.WriteLine($"PSSslSession: {lost} write(s) to the session store {context.Store} of context '{context.Name}' were lost: the store did not answer before the process exited.");
            }
        }
    }
}
