using System.Text;
using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Codec.Tests.Der;

namespace PSSslSession.Codec.Tests;

/// <summary>SslSessionReader.ReadAny: form detection for Import-SslSession / ConvertTo-SslSession.</summary>
public class ReaderTests
{
    private static readonly byte[] DerOne = SslSessionCodec.Encode(Rich());

    [Fact]
    public void Pem_text_is_read_as_pem()
    {
        var bytes = Encoding.ASCII.GetBytes(SslSessionPem.Write(new[] { Rich(), Rich() }));
        Assert.Equal(2, SslSessionReader.ReadAny(bytes).Count);
    }

    [Fact]
    public void Pem_with_a_utf8_bom_is_read()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.ASCII.GetBytes(SslSessionPem.Write(Rich()))).ToArray();
        Assert.Single(SslSessionReader.ReadAny(bytes));
    }

    [Fact]
    public void Der_is_read_as_der()
    {
        Assert.Equal(X(DerOne), X(SslSessionCodec.Encode(Assert.Single(SslSessionReader.ReadAny(DerOne)))));
    }

    [Fact]
    public void Der_sessions_back_to_back_are_all_read()
    {
        Assert.Equal(3, SslSessionReader.ReadAny(DerOne.Concat(DerOne).Concat(DerOne).ToArray()).Count);
    }

    [Fact]
    public void Garbage_after_der_is_trailing_data()
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionReader.ReadAny(DerOne.Concat(new byte[] { 0xFF }).ToArray()));
        Assert.Equal(SslSessionFormatError.TrailingData, e.Reason);
    }

    [Fact]
    public void Garbage_after_der_is_ignored_when_allowed()
    {
        Assert.Single(SslSessionReader.ReadAny(DerOne.Concat(new byte[] { 0xFF }).ToArray(), new SslSessionDecodeOptions { AllowTrailingData = true }));
    }

    [Fact]
    public void Base64_text_of_der_is_read()
    {
        var b64 = Convert.ToBase64String(DerOne);
        var wrapped = string.Join("\r\n", Enumerable.Range(0, (b64.Length + 75) / 76).Select(i => b64.Substring(i * 76, Math.Min(76, b64.Length - i * 76))));
        Assert.Single(SslSessionReader.ReadAny(Encoding.ASCII.GetBytes(wrapped + "\n")));
    }

    [Fact]
    public void Empty_input_is_empty()
    {
        Assert.Equal(SslSessionFormatError.Empty, Assert.Throws<SslSessionFormatException>(() => SslSessionReader.ReadAny(Array.Empty<byte>())).Reason);
    }

    [Fact]
    public void Plain_text_is_no_pem_block()
    {
        Assert.Equal(SslSessionFormatError.NoPemBlock, Assert.Throws<SslSessionFormatException>(() => SslSessionReader.ReadAny(Encoding.ASCII.GetBytes("not a session!"))).Reason);
    }
}
