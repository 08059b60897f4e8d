using PSSslSession.Codec;
using PSSslSession.Engine.Cache;
using Xunit;

namespace PSSslSession.Engine.Tests.Internals;

public class CacheKeyTests
{
    [Fact]
    public void Keys_with_equal_bytes_from_different_arrays_are_equal()
    {
        var a = new CacheKey(0x0304, new SessionId(new byte[] { 1, 2, 3 }));
        var b = new CacheKey(0x0304, new SessionId(new byte[] { 1, 2, 3 }));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void The_same_id_under_another_protocol_is_another_key()
    {
        var id = new SessionId(new byte[] { 1, 2, 3 });
        Assert.NotEqual(new CacheKey(0x0304, id), new CacheKey(0x0303, id));
    }

    [Fact]
    public void Ids_sharing_a_long_prefix_hash_differently()
    {
        var hashes = new HashSet<int>();
        for (byte i = 0; i < 100; i++)
        {
            var bytes = "www-18-prefix-of-many-bytes-xx"u8.ToArray().Concat(new[] { (byte)0, i }).ToArray();
            hashes.Add(new CacheKey(0x0303, new SessionId(bytes)).GetHashCode());
        }
        Assert.True(hashes.Count > 95);
    }
}
