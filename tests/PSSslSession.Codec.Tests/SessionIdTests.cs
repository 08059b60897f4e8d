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

    [Fact]
    public void An_id_of_exactly_32_bytes_is_accepted()
    {
        Assert.Equal(32, SessionId.Parse(new string('a', 64)).Length);
        Assert.Equal(32, new SessionId(new byte[32]).Length);
    }

    [Fact]
    public void The_too_long_error_of_parse_names_the_text_its_length_and_the_limit()
    {
        var text = new string('a', 66);
        var e = Assert.Throws<FormatException>(() => SessionId.Parse(text));
        Assert.Contains($"'{text}'", e.Message);
        Assert.Contains("33 bytes", e.Message);
        Assert.Contains("32", e.Message);
    }

    [Fact]
    public void An_array_of_more_than_32_bytes_is_refused_with_its_length_and_the_limit()
    {
        var e = Assert.Throws<ArgumentException>(() => new SessionId(new byte[33]));
        Assert.Contains("33", e.Message);
        Assert.Contains("32", e.Message);
    }

    [Fact]
    public void A_null_array_is_refused() =>
        Assert.Throws<ArgumentNullException>(() => new SessionId((byte[])null!));

    [Fact]
    public void Null_text_is_not_an_id()
    {
        Assert.False(SessionId.TryParse(null, out var id));
        Assert.True(id.IsEmpty);
    }

    [Fact]
    public void Parsing_null_text_says_the_text_was_null() =>
        Assert.Contains("null", Assert.Throws<FormatException>(() => SessionId.Parse(null!)).Message);

    [Fact]
    public void Text_with_a_character_that_is_not_hex_is_not_an_id() =>
        Assert.False(SessionId.TryParse("01zz", out _));

    [Fact]
    public void The_not_hex_error_names_the_text_and_the_offending_character()
    {
        var e = Assert.Throws<FormatException>(() => SessionId.Parse("01zz"));
        Assert.Contains("'01zz'", e.Message);
        Assert.Contains("'z' is not a hex digit", e.Message);
    }

    [Fact]
    public void The_odd_digit_count_error_asks_for_an_even_number_of_digits() =>
        Assert.Contains("even number of digits", Assert.Throws<FormatException>(() => SessionId.Parse("abc")).Message);

    [Fact]
    public void Different_bytes_make_unequal_ids()
    {
        var a = SessionId.Parse("01");
        var b = SessionId.Parse("02");
        Assert.True(a != b);
        Assert.False(a == b);
    }

    [Fact]
    public void Equal_ids_are_not_unequal() =>
        Assert.False(SessionId.Parse("0102") != new SessionId(new byte[] { 1, 2 }));

    [Fact]
    public void Different_ids_hash_differently() =>
        Assert.NotEqual(SessionId.Parse("01").GetHashCode(), SessionId.Parse("02").GetHashCode());
}
