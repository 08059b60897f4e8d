using PSSslSession.Codec;
using Xunit;

namespace PSSslSession.Codec.Tests;

/// <summary>Protocol versions compare by age, within TLS and within DTLS, whose wire numbers count down.</summary>
public class SslProtocolOrderTests
{
    private static SslProtocol P(string name) => SslProtocol.Parse(name);

    [Fact]
    public void TLS_versions_order_oldest_first()
    {
        var names = new[] { "TLSv1.3", "SSLv3", "TLSv1.1", "TLSv1", "TLSv1.2" };
        Assert.Equal(new[] { "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3" }, names.Select(P).OrderBy(p => p).Select(p => p.Name));
    }

    [Fact]
    public void DTLS_versions_order_oldest_first_although_their_numbers_count_down()
    {
        Assert.True(P("DTLSv1.2") > P("DTLSv1"));
        Assert.True(P("DTLSv1") > P("DTLSv0.9"));
    }

    [Fact]
    public void Every_TLS_version_comes_before_every_DTLS_version() =>
        Assert.True(P("TLSv1.3") < P("DTLSv0.9"));

    [Fact]
    public void Equal_versions_compare_equal()
    {
        Assert.Equal(0, P("TLSv1.2").CompareTo(SslProtocol.TLSv12));
        Assert.True(P("TLSv1.2") >= SslProtocol.TLSv12);
    }

    [Fact]
    public void Comparing_with_something_else_is_an_ArgumentException() =>
        Assert.Throws<ArgumentException>(() => ((IComparable)SslProtocol.TLSv13).CompareTo("TLSv1.3"));

    [Fact]
    public void A_version_is_neither_older_nor_newer_than_itself()
    {
        Assert.False(SslProtocol.TLSv12 < SslProtocol.TLSv12);
        Assert.False(SslProtocol.TLSv12 > SslProtocol.TLSv12);
    }

    [Fact]
    public void At_most_holds_for_older_and_equal_versions_only()
    {
        Assert.True(SslProtocol.TLSv12 <= SslProtocol.TLSv13);
        Assert.True(SslProtocol.TLSv12 <= P("TLSv1.2"));
        Assert.False(SslProtocol.TLSv13 <= SslProtocol.TLSv12);
    }

    [Fact]
    public void Versions_with_the_same_wire_number_are_equal_and_not_unequal()
    {
        Assert.True(P("TLSv1.2") == new SslProtocol(0x0303));
        Assert.False(P("TLSv1.2") != new SslProtocol(0x0303));
    }

    [Fact]
    public void Versions_with_different_wire_numbers_are_unequal_and_not_equal()
    {
        Assert.True(SslProtocol.TLSv12 != SslProtocol.TLSv13);
        Assert.False(SslProtocol.TLSv12 == SslProtocol.TLSv13);
    }

    [Fact]
    public void The_comparison_error_names_the_type_it_was_given() =>
        Assert.Contains("not String", Assert.Throws<ArgumentException>(() => ((IComparable)SslProtocol.TLSv13).CompareTo("TLSv1.3")).Message);

    [Fact]
    public void The_comparison_error_for_null_says_null() =>
        Assert.Contains("not null", Assert.Throws<ArgumentException>(() => ((IComparable)SslProtocol.TLSv13).CompareTo(null)).Message);
}
