using System.Text;
using PSSslSession.Codec;
using Xunit;

namespace PSSslSession.Commands.Tests;

public class SessionInputCollectorTests
{
    [Fact]
    public void Bytes_streamed_one_by_one_form_one_payload()
    {
        var collector = new SessionInputCollector();
        foreach (var b in new byte[] { 0x30, 1, 2 }) collector.Add(b);
        Assert.Equal(new[] { new byte[] { 0x30, 1, 2 } }, collector.Complete());
    }

    [Fact]
    public void Each_byte_array_is_its_own_payload()
    {
        var collector = new SessionInputCollector();
        collector.Add(new byte[] { 1 });
        collector.Add(new byte[] { 2 });
        Assert.Equal(2, collector.Complete().Count);
    }

    [Fact]
    public void Pem_lines_with_a_preamble_form_one_text_that_decodes()
    {
        var collector = new SessionInputCollector();
        collector.Add("SSL-Session:");
        foreach (var line in SslSessionPem.Write(TestSessions.Tls12()).Split('\n')) collector.Add(line);
        var payload = Assert.Single(collector.Complete());
        Assert.Equal(TestSessions.Tls12().SessionId, Assert.Single(SslSessionReader.ReadAny(payload)).SessionId);
    }

    [Fact]
    public void Base64_strings_without_pem_are_separate_payloads()
    {
        var collector = new SessionInputCollector();
        collector.Add("AAAA");
        collector.Add("BBBB");
        Assert.Equal(new[] { "AAAA", "BBBB" }, collector.Complete().Select(Encoding.UTF8.GetString));
    }

    [Fact]
    public void Blank_lines_are_not_payloads()
    {
        var collector = new SessionInputCollector();
        collector.Add("  ");
        Assert.Empty(collector.Complete());
    }

    [Fact]
    public void Complete_empties_the_collector()
    {
        var collector = new SessionInputCollector();
        collector.Add(new byte[] { 1 });
        collector.Complete();
        Assert.Empty(collector.Complete());
    }

    [Fact]
    public void Other_types_are_refused() =>
        Assert.Throws<ArgumentException>(() => new SessionInputCollector().Add(42));
}
