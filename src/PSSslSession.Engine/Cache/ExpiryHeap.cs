using System;

namespace PSSslSession.Engine.Cache
{
    /// <summary>
    /// Binary min-heap of entries by (expiry, insertion sequence): the managed counterpart of OpenSSL 3.0's
    /// expiry-sorted session list. The minimum is the next eviction victim and the first flush candidate,
    /// so a flush costs O(removed · log n) and stops at the first unexpired entry. Entries know their slot,
    /// which makes removal and re-ordering O(log n). Not thread-safe: the owning context calls it under its lock.
    /// </summary>
    internal sealed class ExpiryHeap
    {
        private const int MinCapacity = 16;
        private CacheEntry?[] _items = new CacheEntry?[MinCapacity];
        private int _count;

        public int Count => _count;

        /// <summary>The entry at a slot (0 = earliest); for snapshots and consistency checks.</summary>
        public CacheEntry this[int index] => _items[index]!;

        /// <summary>The earliest-expiring entry, or null when empty.</summary>
        public CacheEntry? Min => _count == 0 ? null : _items[0];

        public void Insert(CacheEntry entry)
        {
            if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
            _items[_count] = entry;
            entry.HeapIndex = _count;
            _count++;
            SiftUp(entry.HeapIndex);
        }

        public CacheEntry RemoveMin()
        {
            var min = _items[0]!;
            RemoveAt(0);
            return min;
        }

        public void Remove(CacheEntry entry) => RemoveAt(entry.HeapIndex);

        /// <summary>Restores the order after <paramref name="entry"/>'s expiry or sequence changed.</summary>
        public void Reposition(CacheEntry entry)
        {
            if (!SiftUp(entry.HeapIndex)) SiftDown(entry.HeapIndex);
        }

        /// <summary>Empties the heap, returning its entries earliest first.</summary>
        public CacheEntry[] DrainInOrder()
        {
            var result = new CacheEntry[_count];
            for (int i = 0; i < result.Length; i++) result[i] = RemoveMin();
            return result;
        }

        /// <summary>Whether every parent sorts before its children and every entry knows its slot.</summary>
        public string? Validate()
        {
            for (int i = 0; i < _count; i++)
            {
                var e = _items[i];
                if (e == null) return $"expiry order slot {i} is empty";
                if (e.HeapIndex != i) return $"entry in expiry slot {i} believes it is in slot {e.HeapIndex}";
                if (i > 0 && e.SortsBefore(_items[(i - 1) / 2]!)) return $"expiry order broken at slot {i}";
            }
            for (int i = _count; i < _items.Length; i++)
                if (_items[i] != null) return $"stale entry beyond the expiry order at slot {i}";
            return null;
        }

        private void RemoveAt(int index)
        {
            var removed = _items[index]!;
            _count--;
            if (index != _count)
            {
                var last = _items[_count]!;
                _items[index] = last;
                last.HeapIndex = index;
                _items[_count] = null;
                Reposition(last);
            }
            else
            {
                _items[_count] = null;
            }
            removed.HeapIndex = -1;
            // Give memory back after a large flush; hysteresis (quarter full) avoids resize ping-pong.
            if (_items.Length > MinCapacity && _count < _items.Length / 4) Array.Resize(ref _items, Math.Max(MinCapacity, _items.Length / 2));
        }

        private bool SiftUp(int index)
        {
            var entry = _items[index]!;
            int start = index;
            while (index > 0)
            {
                int parent = (index - 1) / 2;
                var p = _items[parent]!;
                if (!entry.SortsBefore(p)) break;
                _items[index] = p;
                p.HeapIndex = index;
                index = parent;
            }
            _items[index] = entry;
            entry.HeapIndex = index;
            return index != start;
        }

        private void SiftDown(int index)
        {
            var entry = _items[index]!;
            while (true)
            {
                int child = 2 * index + 1;
                if (child >= _count) break;
                var c = _items[child]!;
                if (child + 1 < _count && _items[child + 1]!.SortsBefore(c)) { child++; c = _items[child]!; }
                if (!c.SortsBefore(entry)) break;
                _items[index] = c;
                c.HeapIndex = index;
                index = child;
            }
            _items[index] = entry;
            entry.HeapIndex = index;
        }
    }
}
