using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using PSSslSession.Codec;

namespace PSSslSession.Engine.Cache
{
    /// <summary>
    /// The session hash (OpenSSL's <c>lhash</c> of <c>SSL_SESSION</c> keyed by version and id): open addressing with
    /// linear probing over 64-byte <see cref="IndexSlot"/>s that hold the whole key, the expiry, the sid_ctx tag and the
    /// session itself. A lookup hit reads one slot, a miss usually one or two neighbouring ones, where a chained table
    /// visits bucket, node and entry, each a cache miss once the cache outgrows the CPU caches.
    /// </summary>
    /// <remarks>
    /// <para>Writers hold the owning context's lock. Readers (<see cref="TryGet"/>) take none: each slot carries a
    /// version that is odd while a writer changes it (a seqlock), and a reader that matched a key re-reads the version,
    /// so key, session and expiry it returns were in the slot together.</para>
    /// <para>Invariant: every slot between a key's home and its slot is live, so a probe may stop at the first empty
    /// slot. There are no tombstones: a removal moves later keys of its run back into the hole they may fill
    /// (backward-shift deletion), so the table never fills with dead slots and never has to be rebuilt under churn
    /// (a rebuild of a million-session table is a pause of tens of milliseconds under the lock). A reader that probes
    /// while keys move could pass the slot a key moved to before it got there; the table's move count
    /// (<see cref="_moves"/>, odd while keys move) tells it so, and a reader that found nothing probes again when
    /// the count changed meanwhile. Only a miss is re-checked: whatever a reader found was in its slot.</para>
    /// <para>Growing (or shrinking) fills a new array and publishes it; the old array is never written again, so a
    /// reader still probing it sees a consistent past.</para>
    /// <para>Entries a flush marked <see cref="CacheEntry.Dead"/> keep their slots until the context sweeps them. All of
    /// them expire before <see cref="FlushedBelow"/>, so a reader consults the entry's flag (one more memory access)
    /// only for slots that expire earlier than that, which unflushed sessions rarely do.</para>
    /// </remarks>
    internal sealed class SessionIndex
    {
        internal const int MinCapacity = 16;

        // Slot.Meta: CacheKey.Packed in bits 0–21, the state in 22–23, the sid_ctx tag in 24–31.
        private const int StateMask = 0x3 << 22;
        private const int StateEmpty = 0, StateLive = 1 << 22;
        private const int KeyAndState = CacheKey.PackedMask | StateMask;
        private const int TagShift = 24;

        /// <summary>The largest sid_ctx tag (8 bits; 0 = "not the context's sid_ctx").</summary>
        internal const int MaxTag = 0xFF;

        private volatile IndexSlot[] _slots = new IndexSlot[MinCapacity];
        private int _live;
        private long _flushedBelow = long.MinValue;
        /// <summary>Odd while a removal moves keys back; bumped twice per such removal (see the remarks).</summary>
        private int _moves;

        /// <summary>Live keys (flushed-but-unswept entries included: they are live to the table).</summary>
        public int Count => _live;

        /// <summary>How often the array was rebuilt (grown or shrunk) since the index was made; churn alone never rebuilds it.</summary>
        public int Rebuilds { get; private set; }

        /// <summary>Slots in the current array (a power of two).</summary>
        public int Capacity => _slots.Length;

        /// <summary>Every entry marked dead while indexed expires before this (Unix seconds); long.MinValue = none is.</summary>
        public long FlushedBelow => Volatile.Read(ref _flushedBelow);

        /// <summary>
        /// Lock-free lookup: the live slot under <paramref name="key"/> unless absent or its entry was flushed.
        /// </summary>
        public bool TryGet(in CacheKey key, out IndexedSession found) =>
            Probe(key.W0, key.W1, key.W2, key.W3, key.Packed | StateLive, key.Hash, out found);

        /// <summary>
        /// <see cref="TryGet(in CacheKey, out IndexedSession)"/> for an id given by its bytes. The probe's key stays in
        /// registers: a key built in memory and copied is read back with one wide load that the CPU cannot forward
        /// from the narrower stores that wrote it, so the load waits until those stores retire, which is behind the
        /// previous lookup's cache miss; consecutive lookups would then never overlap their misses.
        /// </summary>
        public bool TryGet(int protocol, ReadOnlySpan<byte> id, out IndexedSession found)
        {
            int packed = CacheKey.Pack(protocol, id.Length);
            if (id.Length != SessionId.MaxLength || packed < 0) return TryGet(new CacheKey(protocol, id), out found);
            ulong w0 = BinaryPrimitives.ReadUInt64LittleEndian(id);
            ulong w1 = BinaryPrimitives.ReadUInt64LittleEndian(id.Slice(8));
            ulong w2 = BinaryPrimitives.ReadUInt64LittleEndian(id.Slice(16));
            ulong w3 = BinaryPrimitives.ReadUInt64LittleEndian(id.Slice(24));
            int hash = CacheKey.ComputeHash(protocol, SessionId.MaxLength, w0, w1, w2, w3);
            return Probe(w0, w1, w2, w3, packed | StateLive, hash, out found);
        }

        /// <summary>Membership only (what <c>SSL_has_matching_session_id</c> asks).</summary>
        public bool Contains(int protocol, ReadOnlySpan<byte> id) => TryGet(protocol, id, out _);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool Probe(ulong w0, ulong w1, ulong w2, ulong w3, int want, int hash, out IndexedSession found)
        {
            // Read before the array: the mark is lowered only after the dead entries' slots are gone (see NoneFlushed).
            long flushedBelow = Volatile.Read(ref _flushedBelow);
            int retries = 0;
        Again:
            int moves = Volatile.Read(ref _moves);
            var slots = _slots;
            int mask = slots.Length - 1;
            int i = hash & mask;
            while (true)
            {
                ref IndexSlot s = ref slots[i];
                int version = Volatile.Read(ref s.Version);
                int meta = Volatile.Read(ref s.Meta);
                // The hit test first: at most 80% (usually half) full, most keys sit in their home slot.
                if ((meta & KeyAndState) == want && Volatile.Read(ref s.W0) == w0 && Volatile.Read(ref s.W1) == w1 &&
                    Volatile.Read(ref s.W2) == w2 && Volatile.Read(ref s.W3) == w3)
                {
                    var session = Volatile.Read(ref s.Session);
                    var entry = Volatile.Read(ref s.Entry);
                    long expiry = Volatile.Read(ref s.Expiry);
                    if ((version & 1) == 0 && Volatile.Read(ref s.Version) == version)
                    {
                        if (session == null || entry == null || (expiry < flushedBelow && entry.Dead)) break;
                        found = new IndexedSession(session, entry, expiry, TagOf(meta));
                        return true;
                    }
                    // A writer is changing this slot: read it again once it is done.
                    Backoff(ref retries);
                    continue;
                }
                if ((meta & StateMask) == StateEmpty) break;
                i = (i + 1) & mask;
            }
            // Keys moved back while this probe ran (or were moving when it began): it may have passed one.
            if ((moves & 1) != 0 || Volatile.Read(ref _moves) != moves)
            {
                Backoff(ref retries);
                goto Again;
            }
            found = default;
            return false;
        }

        /// <summary>Waits a little for a writer in the middle of a slot (rare: writers hold the slot for a few stores).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Backoff(ref int retries)
        {
            if (retries++ < 10) Thread.SpinWait(8 << retries);
            else Thread.Yield();
        }

        /// <summary>The live entry under <paramref name="key"/> (flushed ones included), or null. Caller holds the lock.</summary>
        public CacheEntry? Find(in CacheKey key)
        {
            int i = IndexOf(key);
            return i < 0 ? null : _slots[i].Entry;
        }

        /// <summary>
        /// Puts <paramref name="entry"/> (with its current expiry) under <paramref name="key"/>, its session's key:
        /// over the live slot of the same key if there is one, else into the empty slot that ends the probe (growing
        /// first when that would fill the array past 80%). Caller holds the lock.
        /// </summary>
        public void Set(in CacheKey key, CacheEntry entry, int sidCtxTag)
        {
            if (key.Packed < 0) throw new ArgumentException("A cached session's protocol number must fit in 16 bits.", nameof(key));
            var slots = _slots;
            int mask = slots.Length - 1;
            int want = key.Packed | StateLive;
            int i = key.Hash & mask;
            for (; ; i = (i + 1) & mask)
            {
                ref IndexSlot s = ref slots[i];
                if ((s.Meta & StateMask) == StateEmpty) break;
                if (Holds(s, want, key))
                {
                    Write(ref s, key, entry, sidCtxTag);
                    return;
                }
            }
            if (_live + 1 > slots.Length - slots.Length / 5)
            {
                Resize(CapacityFor(_live + 1));
                Set(key, entry, sidCtxTag);
                return;
            }
            Write(ref slots[i], key, entry, sidCtxTag);
            _live++;
        }

        /// <summary>
        /// Removes the live key (only while it maps to <paramref name="onlyIf"/>, when given); false when it was not
        /// there. The later keys of its run that may move back into the hole do (backward-shift deletion), so every
        /// probe path stays unbroken without tombstones. Shrinks the array once it is under 1/16 full. Caller holds the lock.
        /// </summary>
        public bool Remove(in CacheKey key, CacheEntry? onlyIf = null)
        {
            int hole = IndexOf(key);
            if (hole < 0) return false;
            var slots = _slots;
            if (onlyIf != null && !ReferenceEquals(slots[hole].Entry, onlyIf)) return false;
            int mask = slots.Length - 1;
            bool moving = false;
            for (int j = (hole + 1) & mask; (slots[j].Meta & StateMask) != StateEmpty; j = (j + 1) & mask)
            {
                // A key whose home lies after the hole (up to its own slot) must stay: its probe starts past the hole.
                int home = KeyOf(slots[j]).Hash & mask;
                if (((j - home) & mask) < ((j - hole) & mask)) continue;
                if (!moving)
                {
                    Interlocked.Increment(ref _moves); // a full fence: readers see the odd count before any moved key
                    moving = true;
                }
                MoveTo(ref slots[hole], slots[j]);
                hole = j;
            }
            ref IndexSlot s = ref slots[hole];
            BeginWrite(ref s);
            s.Entry = null;
            s.Session = null;
            s.Meta = StateEmpty;
            EndWrite(ref s);
            if (moving) Volatile.Write(ref _moves, _moves + 1);
            _live--;
            if (slots.Length > MinCapacity && _live < slots.Length / 16) Resize(CapacityFor(_live));
            return true;
        }

        /// <summary>Copies the entry's new expiry (re-sorted times) into its slot. Caller holds the lock.</summary>
        public void UpdateExpiry(CacheEntry entry)
        {
            int i = IndexOf(entry.Key);
            if (i < 0) return;
            ref IndexSlot s = ref _slots[i];
            if (!ReferenceEquals(s.Entry, entry)) return;
            BeginWrite(ref s);
            s.Expiry = entry.Expiry;
            EndWrite(ref s);
        }

        /// <summary>
        /// Grows the array now, if needed, so that <paramref name="keys"/> keys fill at most half of it: a full cache
        /// that keeps evicting then reuses its slots instead of growing during that churn. Caller holds the lock.
        /// </summary>
        public void Reserve(int keys)
        {
            int capacity = CapacityFor(keys);
            if (capacity > _slots.Length) Resize(capacity);
        }

        /// <summary>Drops every key and starts over with a small array. Caller holds the lock.</summary>
        public void Clear()
        {
            _slots = new IndexSlot[MinCapacity];
            _live = 0;
        }

        /// <summary>
        /// A flush is about to mark entries expiring before <paramref name="seconds"/> dead: from now on readers check
        /// the flag of slots expiring earlier. Call before marking. Caller holds the lock.
        /// </summary>
        public void NoteFlushing(long seconds)
        {
            if (seconds > _flushedBelow) Volatile.Write(ref _flushedBelow, seconds);
        }

        /// <summary>No dead entry is indexed any more (all swept, or the table was cleared). Caller holds the lock.</summary>
        public void NoneFlushed() => Volatile.Write(ref _flushedBelow, long.MinValue);

        /// <summary>Clears every slot's sid_ctx tag (before tags start over at 1). Caller holds the lock.</summary>
        public void ClearSidCtxTags()
        {
            var slots = _slots;
            for (int i = 0; i < slots.Length; i++)
            {
                ref IndexSlot s = ref slots[i];
                if ((s.Meta & StateMask) != StateLive || TagOf(s.Meta) == 0) continue;
                BeginWrite(ref s);
                s.Meta &= KeyAndState;
                EndWrite(ref s);
            }
        }

        /// <summary>The live slots (diagnostics; caller holds the lock).</summary>
        public IEnumerable<KeyValuePair<CacheKey, IndexedSession>> Snapshot()
        {
            var slots = _slots;
            var result = new List<KeyValuePair<CacheKey, IndexedSession>>(_live);
            foreach (var s in slots)
            {
                if ((s.Meta & StateMask) != StateLive) continue;
                var key = KeyOf(s);
                result.Add(new KeyValuePair<CacheKey, IndexedSession>(key, new IndexedSession(s.Session!, s.Entry!, s.Expiry, TagOf(s.Meta))));
            }
            return result;
        }

        /// <summary>
        /// Whether every slot is empty or live, the probe of every live key reaches it without passing an empty slot,
        /// no key moves are under way, and the count agrees (null when consistent). Caller holds the lock.
        /// </summary>
        public string? Validate()
        {
            var slots = _slots;
            int live = 0;
            for (int i = 0; i < slots.Length; i++)
            {
                int state = slots[i].Meta & StateMask;
                if (state == StateEmpty) continue;
                if (state != StateLive) return $"slot {i} is in state {state >> 22}, neither empty nor live";
                live++;
                if (IndexOf(KeyOf(slots[i])) != i) return $"the key in slot {i} is not found from its home slot";
            }
            if (live != _live) return $"the index holds {live} live keys but counts {_live}";
            if (live >= slots.Length) return "the index has no empty slot";
            if ((Volatile.Read(ref _moves) & 1) != 0) return "the index's move count is odd outside a removal";
            return null;
        }

        /// <summary>The smallest array (power of two) that holds <paramref name="live"/> keys at most half full.</summary>
        internal static int CapacityFor(int live)
        {
            int capacity = MinCapacity;
            while (capacity / 2 < live) capacity = checked(capacity * 2);
            return capacity;
        }

        private int IndexOf(in CacheKey key)
        {
            var slots = _slots;
            int mask = slots.Length - 1;
            int want = key.Packed | StateLive;
            for (int i = key.Hash & mask; ; i = (i + 1) & mask)
            {
                ref IndexSlot s = ref slots[i];
                if ((s.Meta & StateMask) == StateEmpty) return -1;
                if (Holds(s, want, key)) return i;
            }
        }

        /// <summary>Re-inserts the live slots into a fresh array of <paramref name="capacity"/> and publishes it.</summary>
        private void Resize(int capacity)
        {
            var old = _slots;
            var slots = new IndexSlot[capacity];
            int mask = capacity - 1;
            foreach (var s in old)
            {
                if ((s.Meta & StateMask) != StateLive) continue;
                int i = KeyOf(s).Hash & mask;
                while ((slots[i].Meta & StateMask) != StateEmpty) i = (i + 1) & mask;
                // Not yet visible to readers: no versioning needed.
                slots[i] = s;
                slots[i].Version = 0;
            }
            _slots = slots;
            Rebuilds++;
        }

        private static CacheKey KeyOf(in IndexSlot s) => new CacheKey(s.Meta & CacheKey.PackedMask, s.W0, s.W1, s.W2, s.W3);

        /// <summary>Whether the slot holds <paramref name="key"/> live (<paramref name="want"/>: its packed word | live). Writers only: plain reads.</summary>
        private static bool Holds(in IndexSlot s, int want, in CacheKey key) =>
            (s.Meta & KeyAndState) == want && s.W0 == key.W0 && s.W1 == key.W1 && s.W2 == key.W2 && s.W3 == key.W3;

        private static int TagOf(int meta) => (int)((uint)meta >> TagShift);

        private static void Write(ref IndexSlot s, in CacheKey key, CacheEntry entry, int sidCtxTag)
        {
            BeginWrite(ref s);
            s.Entry = entry;
            s.Session = entry.Session;
            s.W0 = key.W0;
            s.W1 = key.W1;
            s.W2 = key.W2;
            s.W3 = key.W3;
            s.Expiry = entry.Expiry;
            s.Meta = key.Packed | StateLive | (sidCtxTag << TagShift);
            EndWrite(ref s);
        }

        /// <summary>Copies a live slot's contents (not its version) into another slot, under that slot's seqlock.</summary>
        private static void MoveTo(ref IndexSlot target, in IndexSlot source)
        {
            BeginWrite(ref target);
            target.Entry = source.Entry;
            target.Session = source.Session;
            target.W0 = source.W0;
            target.W1 = source.W1;
            target.W2 = source.W2;
            target.W3 = source.W3;
            target.Expiry = source.Expiry;
            target.Meta = source.Meta;
            EndWrite(ref target);
        }

        // The increment is a full fence, so no field store of the write can be seen before the odd version.
        private static void BeginWrite(ref IndexSlot s) => Interlocked.Increment(ref s.Version);

        // A release store: every field store of the write is visible before the even version.
        private static void EndWrite(ref IndexSlot s) => Volatile.Write(ref s.Version, s.Version + 1);
    }
}
