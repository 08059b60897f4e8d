using PSSslSession.Codec;
using PSSslSession.Engine.Cache;
using Xunit;

namespace PSSslSession.Engine.Tests.Internals;

/// <summary>Cache keys of every id length, rebuilt from their stored parts, and how protocols and collisions are told apart.</summary>
public class CacheKeyPartsTests
{
    public static IEnumerable<object[]> Lengths() => Enumerable.Range(0, 33).Select(n => new object[] { n });

    private static byte[] Id(int length, int salt = 0) => Enumerable.Range(0, length).Select(b => (byte)(b * 13 + 1 + salt)).ToArray();

    [Theory]
    [MemberData(nameof(Lengths))]
    public void A_key_rebuilt_from_its_packed_word_and_id_words_equals_the_original(int length)
    {
        var key = new CacheKey(0x0303, Id(length));
        var rebuilt = new CacheKey(key.Packed, key.W0, key.W1, key.W2, key.W3);

        Assert.Equal(key, rebuilt);
        Assert.Equal(key.Hash, rebuilt.Hash);
        Assert.Equal(length, rebuilt.Length);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Ids_of_one_length_that_differ_in_any_one_byte_are_different_keys(int length)
    {
        var id = Id(length);
        var key = new CacheKey(0x0303, id);
        Assert.Equal(key, new CacheKey(0x0303, (byte[])id.Clone()));
        for (int i = 0; i < length; i++)
        {
            var changed = (byte[])id.Clone();
            changed[i] ^= 0x80;
            Assert.NotEqual(key, new CacheKey(0x0303, changed));
        }
    }

    [Fact]
    public void An_id_longer_than_32_bytes_is_refused_naming_both_lengths()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CacheKey(0x0303, new byte[33]));
        Assert.Contains("at most 32 bytes; 33 were given", ex.Message);
    }

    [Theory]
    [InlineData(0x10000)]
    [InlineData(0x10303)]
    [InlineData(-1)]
    public void A_protocol_number_outside_16_bits_packs_into_the_negative_class(int protocol)
    {
        Assert.True(CacheKey.Pack(protocol, 32) < 0);
        Assert.True(new CacheKey(protocol, new byte[3]).Packed < 0);
    }

    [Fact]
    public void A_protocol_number_inside_16_bits_packs_with_the_length_in_the_low_bits()
    {
        Assert.Equal((0xFEFD << CacheKey.LengthBits) | 17, CacheKey.Pack(0xFEFD, 17));
    }

    [Fact]
    public void The_same_id_hashes_differently_under_each_protocol_version()
    {
        var id = Id(32);
        var versions = new[] { 0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0xFEFF, 0xFEFD, 0xFEFC };
        var hashes = versions.Select(v => new CacheKey(v, id).GetHashCode()).ToList();
        Assert.Equal(versions.Length, hashes.Distinct().Count());
    }

    [Fact]
    public void Keys_whose_hashes_collide_are_still_different_keys()
    {
        // Birthday search: among ~300,000 ids some two 32-bit hashes almost surely meet.
        var seen = new Dictionary<int, CacheKey>();
        var id = new byte[32];
        for (int n = 0; n < 2_000_000; n++)
        {
            BitConverter.GetBytes(n).CopyTo(id, 0);
            var key = new CacheKey(0x0304, id);
            if (seen.TryGetValue(key.Hash, out var earlier))
            {
                Assert.Equal(earlier.Hash, key.Hash);
                Assert.NotEqual(earlier, key);
                Assert.False(earlier.Equals((object)key));
                return;
            }
            seen.Add(key.Hash, key);
        }
        Assert.Fail("no hash collision among 2,000,000 ids");
    }

    [Fact]
    public void Low_bits_of_the_hash_spread_sequential_ids_over_the_slots()
    {
        // The index uses hash & (capacity - 1): sequential ids must not crowd into a few home slots.
        const int slots = 1024;
        var homes = new HashSet<int>();
        var id = new byte[32];
        for (int n = 0; n < slots; n++)
        {
            BitConverter.GetBytes(n).CopyTo(id, 0);
            homes.Add(new CacheKey(0x0304, id).Hash & (slots - 1));
        }
        // Random placement fills about 63%.
        Assert.InRange(homes.Count, slots / 2, slots);
    }
}
