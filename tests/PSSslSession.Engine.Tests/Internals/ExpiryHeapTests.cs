using PSSslSession.Engine.Cache;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests.Internals;

/// <summary>The expiry heap against a sorted reference, under random inserts, removals and re-orders.</summary>
public class ExpiryHeapTests
{
    [Fact]
    public void Random_operations_keep_the_heap_in_expiry_then_insertion_order()
    {
        var random = new Random(42);
        var heap = new ExpiryHeap();
        var live = new List<CacheEntry>();
        long seq = 0;
        for (int i = 0; i < 5000; i++)
        {
            int op = random.Next(4);
            if (op <= 1 || live.Count == 0)
            {
                var e = new CacheEntry(Sessions.Make(i, 0)) { Expiry = random.Next(100), Sequence = ++seq };
                heap.Insert(e);
                live.Add(e);
            }
            else if (op == 2)
            {
                var e = live[random.Next(live.Count)];
                heap.Remove(e);
                live.Remove(e);
                Assert.Equal(-1, e.HeapIndex);
            }
            else
            {
                var e = live[random.Next(live.Count)];
                e.Expiry = random.Next(100);
                e.Sequence = ++seq;
                heap.Reposition(e);
            }
            Assert.Null(heap.Validate());
        }
        var expected = live.OrderBy(e => e.Expiry).ThenBy(e => e.Sequence).ToList();
        Assert.Equal(expected, heap.DrainInOrder());
        Assert.Equal(0, heap.Count);
    }
}
