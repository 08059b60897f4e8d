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

    [Fact]
    public void Ids_that_differ_only_by_trailing_zero_bytes_are_different_keys()
    {
        Assert.NotEqual(new CacheKey(0x0303, new SessionId(new byte[] { 1, 2 })), new CacheKey(0x0303, new SessionId(new byte[] { 1, 2, 0 })));
        Assert.NotEqual(new CacheKey(0x0303, new SessionId(Array.Empty<byte>())), new CacheKey(0x0303, new SessionId(new byte[] { 0 })));
    }

    [Fact]
    public void Ids_that_differ_only_in_their_last_of_32_bytes_are_different_keys()
    {
        var a = new byte[32];
        var b = new byte[32];
        b[31] = 1;
        Assert.NotEqual(new CacheKey(0x0303, new SessionId(a)), new CacheKey(0x0303, new SessionId(b)));
    }

    [Fact]
    public void A_protocol_number_beyond_16_bits_is_not_the_key_of_its_low_bits()
    {
        var id = new SessionId(new byte[] { 1, 2, 3 });
        Assert.NotEqual(new CacheKey(0x0303, id), new CacheKey(0x10303, id));
    }
}
