using System;
using System.Collections.ObjectModel;
using System.Management.Automation;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Where the output of New and Remove callbacks goes: to the output of the cmdlet whose operation ran them, as a
    /// scriptblock's output goes to whatever invoked it (ForEach-Object). A context cmdlet directs it to its own output
    /// for the length of each input (<see cref="To"/>); a callback that runs cmdlets of its own hands their callbacks'
    /// output up to them, and so on outwards. With no cmdlet running (an engine call from a script), it is dropped.
    /// </summary>
    internal static class CallbackOutput
    {
        [ThreadStatic] private static Action<object>? _sink;

        /// <summary>Sends callback output to <paramref name="sink"/> (null: dropped) until the result is disposed.</summary>
        public static IDisposable To(Action<object>? sink)
        {
            var previous = _sink;
            _sink = sink;
            return new Restore(previous);
        }

        /// <summary>Passes a callback's output on.</summary>
        public static void Write(Collection<PSObject> output)
        {
            var sink = _sink;
            if (sink == null) return;
            foreach (var item in output)
                if (item != null) sink(item);
        }

        private sealed class Restore : IDisposable
        {
            private readonly Action<object>? _previous;
            public Restore(Action<object>? previous) { _previous = previous; }
            public void Dispose() => _sink = _previous;
        }
    }
}
