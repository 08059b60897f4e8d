using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using PSSslSession.Codec;
using PSSslSession.Engine;
using PSSslSession.Engine.Cache;

namespace PSSslSession.Benchmarks
{
    /// <summary>
    /// Stopwatch breakdown of the cache rows (bench/run --profile): each step of Lookup, Add-with-eviction
    /// and Flush timed on its own over n sessions, using the engine's internal index and expiry list directly (the engine grants this assembly its internals). Prints ns per
    /// operation; the README's "profile findings" come from this output.
    /// </summary>
    internal sealed class Profile
    {
        private readonly SessionFactory _factory;
        private readonly int _n;

        public Profile(SessionFactory factory, int n)
        {
            _factory = factory;
            _n = n;
        }

        /// <summary>PEM read split into its parts, for each PEM file given.</summary>
        public static void Codec(string[] pemPaths)
        {
            const int ops = 20000;
            foreach (var path in pemPaths)
            {
                var pem = System.IO.File.ReadAllText(path);
                var name = System.IO.Path.GetFileName(path);
                Func<string> body = () => string.Concat(Array.FindAll(pem.Split('\n'), l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));
                var der = Convert.FromBase64String(body());
                // A first, unreported pass lets tiered compilation install optimised code.
                for (int k = 0; k < ops; k++) { SslSessionPem.ReadAll(pem); SslSessionCodec.Decode(der); Convert.FromBase64String(body()); }
                Step($"{name}: SslSessionPem.ReadAll", ops, () => { for (int k = 0; k < ops; k++) SslSessionPem.ReadAll(pem); });
                Step($"{name}: split lines + Convert.FromBase64String only", ops, () => { for (int k = 0; k < ops; k++) Convert.FromBase64String(body()); });
                Step($"{name}: SslSessionCodec.Decode only", ops, () => { for (int k = 0; k < ops; k++) SslSessionCodec.Decode(der); });
            }
        }

        public void Run()
        {
            var sessions = new SslSession[_n];
            for (int i = 0; i < _n; i++) sessions[i] = _factory.Make((ulong)i);
            var protocol = _factory.Protocol;
            var ids = new SessionId[_n];
            // Fresh copies, as a server gets them off the wire: a probe sharing the cached id's array would
            // let the key comparison short-circuit on reference equality.
            for (int k = 0; k < _n; k++) ids[k] = new SessionId(sessions[(int)BenchIds.QueryIndex(1, (ulong)k, (ulong)_n)].GetSessionId().Span);

            LookupSteps(sessions, ids, protocol);
            ExpirySteps(sessions);
            IndexSteps(sessions);
        }

        private void LookupSteps(SslSession[] sessions, SessionId[] ids, SslProtocol protocol)
        {
            var ctx = new SslContext("profile") { CacheSize = 0 };
        ctx.SetSessionIdContext(_factory.Template.GetSessionIdContext());
            foreach (var s in sessions) ctx.Add(s);
            var fixedNow = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(_factory.T0));
            // Same ids, fresh instances: a session belongs to one cache at a time.
            var fixedCtx = new SslContext("profile-fixed-clock", fixedNow) { CacheSize = 0 };
        fixedCtx.SetSessionIdContext(_factory.Template.GetSessionIdContext());
            for (int i = 0; i < _n; i++) fixedCtx.Add(_factory.Make((ulong)i));

            Step("lookup hit: HasMatchingSessionId (index only)", ids.Length, () => { foreach (var id in ids) ctx.HasMatchingSessionId(id, protocol); });
            var keys = new CacheKey[ids.Length];
            Step("lookup hit: CacheKey from the probe SessionId alone", ids.Length, () => { for (int k = 0; k < ids.Length; k++) keys[k] = new CacheKey(protocol.Number, ids[k]); });
            Step("lookup hit: the context's SessionIndex.TryGet, precomputed keys", ids.Length, () => { foreach (var key in keys) ctx.Index.TryGet(key, out _); });
            // A key built in memory and read back with one wide load stalls until the stores retire (behind the previous
            // miss), which serialises consecutive lookups; the id path keeps the key in registers.
            Step("lookup hit: CacheKey built then copied to TryGet (wide reload of narrow stores)", ids.Length, () => { foreach (var id in ids) { var key = new CacheKey(protocol.Number, id); ctx.Index.TryGet(key, out _); } });
            Step("lookup hit: SessionIndex.Contains(protocol, id bytes) (key in registers)", ids.Length, () => { foreach (var id in ids) ctx.Index.Contains(protocol.Number, id.Span); });
            Step("lookup hit: HasMatchingSessionId again", ids.Length, () => { foreach (var id in ids) ctx.HasMatchingSessionId(id, protocol); });
            Step("lookup hit: FindSessions (index + entry + session, 1-element array)", ids.Length, () => { foreach (var id in ids) ctx.FindSessions(id, protocol); });
            Step("lookup hit: Lookup, system clock", ids.Length, () => { foreach (var id in ids) ctx.Lookup(id, protocol); });
            Step("lookup hit: Lookup, fixed clock (separate cache)", ids.Length, () => { foreach (var id in ids) fixedCtx.Lookup(id, protocol); });
            Step("DateTimeOffset.UtcNow alone", ids.Length, () => { for (int k = 0; k < ids.Length; k++) _ = DateTimeOffset.UtcNow; });
            Step("DateTimeOffset.UtcNow.ToUnixTimeSeconds() alone", ids.Length, () => { for (int k = 0; k < ids.Length; k++) _ = DateTimeOffset.UtcNow.ToUnixTimeSeconds(); });
            Step("Environment.TickCount64 alone", ids.Length, () => { for (int k = 0; k < ids.Length; k++) _ = Environment.TickCount64; });
            ctx.Dispose();
            fixedCtx.Dispose();
        }

        /// <summary>The expiry order alone: the engine's bucketed expiry list against a plain OpenSSL-style sorted list.</summary>
        private void ExpirySteps(SslSession[] sessions)
        {
            int tenth = _n / 10;
            var entries = new CacheEntry[_n];
            var order = new ExpiryList();
            Step("engine expiry list: Insert in expiry order", _n, () =>
            {
                for (int i = 0; i < _n; i++)
                {
                    entries[i] = new CacheEntry(sessions[i]) { Expiry = sessions[i].ExpiresAtUnixSeconds, Sequence = i };
                    order.Insert(entries[i]);
                }
            });
            Step("engine expiry list: remove First (flush/evict victim) of 10%", tenth, () => { for (int k = 0; k < tenth; k++) order.Remove(order.First!); });
            Step("engine expiry list: Insert newest + remove First (one add with eviction)", tenth, () =>
            {
                for (int k = 0; k < tenth; k++)
                {
                    var s = sessions[k];
                    order.Insert(new CacheEntry(s) { Expiry = long.MaxValue - 1, Sequence = _n + k });
                    order.Remove(order.First!);
                }
            });

            var list = new SortedSessionList();
            var nodes = new SortedSessionList.Node[_n];
            Step("sorted list (OpenSSL's): insert at head in expiry order", _n, () =>
            {
                for (int i = 0; i < _n; i++)
                {
                    nodes[i] = new SortedSessionList.Node(sessions[i].ExpiresAtUnixSeconds);
                    list.Insert(nodes[i]);
                }
            });
            Step("sorted list (OpenSSL's): remove tail of 10%", tenth, () => { for (int k = 0; k < tenth; k++) list.RemoveTail(); });
        }

        /// <summary>The hash index alone: the engine's ConcurrentDictionary against a plain Dictionary.</summary>
        private void IndexSteps(SslSession[] sessions)
        {
            int tenth = _n / 10;
            var keys = new CacheKey[_n];
            var entries = new CacheEntry[_n];
            for (int i = 0; i < _n; i++) { keys[i] = CacheKey.Of(sessions[i]); entries[i] = new CacheEntry(sessions[i]); }
            var probes = new CacheKey[_n];
            var misses = new CacheKey[_n];
            for (int k = 0; k < _n; k++)
            {
                var s = sessions[(int)BenchIds.QueryIndex(1, (ulong)k, (ulong)_n)];
                probes[k] = new CacheKey(s.ProtocolVersion, new SessionId(s.GetSessionId().Span));
                misses[k] = new CacheKey(s.ProtocolVersion, new SessionId(BenchIds.IdFor((ulong)_n + BenchIds.QueryIndex(2, (ulong)k, (ulong)_n))));
            }

            // The engine's index: open addressing over 64-byte slots (key, expiry, tag, session inline).
            var index = new SessionIndex();
            Step("index: SessionIndex Set (new keys, growing)", _n, () => { for (int i = 0; i < _n; i++) index.Set(keys[i], entries[i], 0); });
            Step("index: SessionIndex TryGet, random hits (slot only)", _n, () => { foreach (var k in probes) index.TryGet(k, out _); });
            Step("index: SessionIndex TryGet, misses", _n, () => { foreach (var k in misses) index.TryGet(k, out _); });
            Step("index: SessionIndex Remove of 10% (key from the entry's session)", tenth, () => { for (int i = 0; i < tenth; i++) index.Remove(entries[i].Key, entries[i]); });
            Step("index: CacheKey.Of (hash of 32-byte id)", _n, () => { for (int i = 0; i < _n; i++) _ = CacheKey.Of(sessions[i]); });

            // What it replaced: bucket array -> node (key inline) -> entry.
            var concurrent = new ConcurrentDictionary<CacheKey, CacheEntry>();
            Step("index (before): ConcurrentDictionary set", _n, () => { for (int i = 0; i < _n; i++) concurrent[keys[i]] = entries[i]; });
            Step("index (before): ConcurrentDictionary TryGetValue, random hits + read the entry", _n, () =>
            {
                long sum = 0;
                foreach (var k in probes) if (concurrent.TryGetValue(k, out var e)) sum += e.Expiry;
                GC.KeepAlive(sum);
            });
            Step("index (before): ConcurrentDictionary TryRemove of 10%", tenth, () => { for (int i = 0; i < tenth; i++) concurrent.TryRemove(keys[i], out _); });
            for (int i = 0; i < tenth; i++) concurrent[keys[i]] = entries[i];
            GC.KeepAlive(index);
            var plain = new Dictionary<CacheKey, CacheEntry>();
            Step("index: Dictionary set", _n, () => { for (int i = 0; i < _n; i++) plain[keys[i]] = entries[i]; });
            Step("index: Dictionary Remove of 10%", tenth, () => { for (int i = 0; i < tenth; i++) plain.Remove(keys[i]); });

            // Flush paths on the full 1M index: a sorted list with the index entry removed at once (what the
            // engine does now, key kept in the entry), or only marked dead for a later sweep.
            var list = new SortedSessionList();
            for (int i = 0; i < _n; i++) list.Insert(new SortedSessionList.Node(sessions[i].ExpiresAtUnixSeconds, i));
            Step("prototype flush: list tail + ConcurrentDictionary TryRemove (key kept in the entry)", tenth, () =>
            {
                for (int k = 0; k < tenth; k++) concurrent.TryRemove(keys[list.RemoveTail()!.Slot], out _);
            });
            Step("prototype flush: expiry list tail + mark dead (index swept later)", tenth, () =>
            {
                for (int k = 0; k < tenth; k++) list.RemoveTail()!.Dead = true;
            });
        }

        private static void Step(string what, int ops, Action body)
        {
            GC.Collect();
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            body();
            double ns = sw.Elapsed.TotalMilliseconds * 1e6 / ops;
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Stats.Note(FormattableString.Invariant($"profile {ns,8:0.0} ns/op {(double)allocated / ops,7:0.0} B/op  {what}"));
        }

        private sealed class FixedClock : IClock
        {
            public FixedClock(DateTimeOffset now) { UtcNow = now; }
            public DateTimeOffset UtcNow { get; }
        }

        /// <summary>
        /// OpenSSL 3.0's session list in miniature (SSL_SESSION_list_add): doubly linked, latest expiry at the
        /// head; a new session with the latest expiry goes in front in O(1), the earliest leaves from the tail in O(1).
        /// </summary>
        private sealed class SortedSessionList
        {
            public sealed class Node
            {
                public Node(long expiry, int slot = -1) { Expiry = expiry; Slot = slot; }
                public readonly long Expiry;
                public readonly int Slot;
                public bool Dead;
                public Node? Prev, Next;
            }

            private Node? _head, _tail;

            public void Insert(Node node)
            {
                if (_head == null) { _head = _tail = node; return; }
                if (node.Expiry >= _head.Expiry) { node.Next = _head; _head.Prev = node; _head = node; return; }
                var at = _head;
                while (at.Next != null && at.Next.Expiry > node.Expiry) at = at.Next;
                node.Next = at.Next;
                node.Prev = at;
                if (at.Next != null) at.Next.Prev = node; else _tail = node;
                at.Next = node;
            }

            public Node? RemoveTail()
            {
                var t = _tail;
                if (t == null) return null;
                _tail = t.Prev;
                if (_tail != null) _tail.Next = null; else _head = null;
                t.Prev = null;
                return t;
            }
        }
    }
}
