using PSSslSession.Codec;
using Xunit;

namespace PSSslSession.Codec.Tests;

public class SessionIdTests
{
    [Fact]
    public void Parse_accepts_separators_and_prints_uppercase_hex()
    {
        Assert.Equal("0A1BFF", SessionId.Parse("0a:1b-ff").ToString());
    }

    [Fact]
    public void Parse_rejects_more_than_32_bytes()
    {
        Assert.Throws<FormatException>(() => SessionId.Parse(new string('a', 66)));
    }

    [Fact]
    public void Parse_rejects_odd_digit_count()
    {
        Assert.Throws<FormatException>(() => SessionId.Parse("abc"));
    }

    [Fact]
    public void Equal_bytes_make_equal_ids_with_equal_hashes()
    {
        var a = SessionId.Parse("01020304");
        var b = new SessionId(new byte[] { 1, 2, 3, 4 });
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Secret_never_renders_its_bytes()
    {
        var secret = new SslSecret(new byte[] { 0xAA, 0xBB });
        Assert.DoesNotContain("AA", secret.ToString());
        Assert.Equal("(secret, 2 bytes)", secret.ToString());
    }
}
