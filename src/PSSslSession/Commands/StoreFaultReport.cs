using System;
using System.Collections.Generic;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// The store faults of one cmdlet call, summed: a store that did not answer is said once per call (a warning with
    /// how many of the call's writes wait for it), lost writes once per call (an error with how many), however many
    /// sessions went through the call.
    /// </summary>
    internal sealed class StoreFaultReport
    {
        private readonly Dictionary<string, Entry> _byStore = new Dictionary<string, Entry>(StringComparer.Ordinal);

        /// <summary>Takes a store fault that belongs in the summary; false for one to report on its own (a permanent failure of a read).</summary>
        public bool Add(SslCacheFault fault)
        {
            if (!fault.IsStoreOutageOrLoss) return false;
            var key = $"{fault.ContextName}\n{fault.Store}";
            if (!_byStore.TryGetValue(key, out var entry)) _byStore[key] = entry = new Entry(fault);
            entry.Queued += fault.QueuedWrites;
            entry.Dropped += fault.DroppedWrites;
            entry.Unanswered |= fault.IsTransient;
            return true;
        }

        public IEnumerable<Entry> Entries => _byStore.Values;

        public void Clear() => _byStore.Clear();

        internal sealed class Entry
        {
            public Entry(SslCacheFault first) { First = first; }

            /// <summary>The call's first fault with this store: its exception names the reason.</summary>
            public SslCacheFault First { get; }
            public int Queued { get; set; }
            public int Dropped { get; set; }
            public bool Unanswered { get; set; }

            private string Store => First.Store ?? "the session store";

            public string WarningText(long pending) =>
                Queued > 0
                    ? $"The session store {Store} of context '{First.ContextName}' did not answer ({First.Exception.Message.TrimEnd('.')}): {Queued} write(s) of this command wait and will be written when it answers again ({pending} waiting in all)."
                    : $"The session store {Store} of context '{First.ContextName}' did not answer ({First.Exception.Message.TrimEnd('.')}): lookups used the internal cache only.";

            /// <summary>A warning is due when writes wait, or when the store did not answer a lookup; lost writes are the error's.</summary>
            public bool NeedsWarning => Unanswered && (Queued > 0 || Dropped == 0);

            public string ErrorText =>
                $"{Dropped} write(s) to the session store {Store} of context '{First.ContextName}' were lost ({First.Exception.Message.TrimEnd('.')}): " +
                (Unanswered
                    ? "the store did not answer and its backlog was full, or the context was removed or given another store before it answered."
                    : "the store refused them.");
        }
    }
}
