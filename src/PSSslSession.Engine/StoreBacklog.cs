using System;
using System.Collections.Generic;
using PSSslSession.Codec;

namespace PSSslSession.Engine
{
    /// <summary>
    /// Writes an external store could not take while it was unreachable, kept in order to be replayed when it answers
    /// again. Bounded: a write that finds it full is dropped and counted. Not thread-safe; the context guards it.
    /// </summary>
    internal sealed class StoreBacklog
    {
        private readonly Queue<Write> _writes = new Queue<Write>();

        public StoreBacklog(int capacity) { Capacity = capacity; }

        /// <summary>The most writes kept; 0 keeps none.</summary>
        public int Capacity { get; set; }

        public int Count => _writes.Count;

        /// <summary>Writes dropped since the context was made: the backlog was full, or the store refused them for good.</summary>
        public long Dropped { get; private set; }

        /// <summary>Keeps <paramref name="write"/>; false (and counted as dropped) when the backlog is full.</summary>
        public bool TryAdd(Write write)
        {
            if (_writes.Count >= Capacity)
            {
                Dropped++;
                return false;
            }
            _writes.Enqueue(write);
            return true;
        }

        public void CountDropped() => Dropped++;

        /// <summary>Changes at every <see cref="DropAll"/>: a replay that peeked before it must not dequeue after it.</summary>
        public long Generation { get; private set; }

        /// <summary>
        /// Drops every waiting write (counted); returns how many. A write a replay is applying at that moment is counted
        /// too, though it may reach the store: a loss reported that did not happen, never one that happened unreported.
        /// </summary>
        public int DropAll()
        {
            int n = _writes.Count;
            _writes.Clear();
            Dropped += n;
            Generation++;
            return n;
        }

        public bool TryPeek(out Write write, out long generation)
        {
            generation = Generation;
            if (_writes.Count == 0) { write = default; return false; }
            write = _writes.Peek();
            return true;
        }

        /// <summary>Dequeues the write peeked in <paramref name="generation"/>; nothing when the backlog was dropped since.</summary>
        public void RemoveFirst(long generation)
        {
            if (generation == Generation && _writes.Count > 0) _writes.Dequeue();
        }

        /// <summary>One write: a Put of a session, or a Remove of an id under a protocol.</summary>
        public readonly struct Write
        {
            private Write(SslSession? session, SessionId id, SslProtocol protocol)
            {
                Session = session;
                Id = id;
                Protocol = protocol;
            }

            public static Write Put(SslSession session) => new Write(session, session.GetSessionId(), session.GetProtocol());
            public static Write Remove(SessionId id, SslProtocol protocol) => new Write(null, id, protocol);

            /// <summary>The session to put, or null for a remove.</summary>
            public SslSession? Session { get; }
            public SessionId Id { get; }
            public SslProtocol Protocol { get; }

            public void ApplyTo(ISslSessionStore store, DateTimeOffset now)
            {
                if (Session != null) store.Put(Session, now);
                else store.Remove(Id, Protocol);
            }
        }
    }
}
