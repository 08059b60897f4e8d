using PSSslSession.Codec;
using Xunit;

namespace PSSslSession.Codec.Tests;

/// <summary>SslSecret equality: byte-wise, without revealing the bytes.</summary>
public class SslSecretTests
{
    [Fact]
    public void Secrets_with_the_same_bytes_are_equal() =>
        Assert.True(new SslSecret(new byte[] { 1, 2, 3 }).Equals(new SslSecret(new byte[] { 1, 2, 3 })));

    [Fact]
    public void Secrets_of_the_same_length_that_differ_in_one_byte_are_unequal() =>
        Assert.False(new SslSecret(new byte[] { 1, 2, 3 }).Equals(new SslSecret(new byte[] { 1, 2, 4 })));

    [Fact]
    public void A_secret_differs_from_a_longer_secret_that_starts_with_its_bytes() =>
        Assert.False(new SslSecret(new byte[] { 1, 2 }).Equals(new SslSecret(new byte[] { 1, 2, 3 })));

    [Fact]
    public void A_secret_differs_from_null() =>
        Assert.False(new SslSecret(new byte[] { 1 }).Equals((SslSecret?)null));

    [Fact]
    public void Empty_secrets_are_equal() =>
        Assert.True(SslSecret.Empty.Equals(new SslSecret(Array.Empty<byte>())));
}
