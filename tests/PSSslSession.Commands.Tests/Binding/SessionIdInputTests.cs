using PSSslSession.Codec;
using Xunit;

namespace PSSslSession.Commands.Tests;

public class SessionIdInputTests
{
    [Fact]
    public void Hex_text_becomes_the_id() =>
        Assert.Equal("0A0B0C", SessionIdInput.ToSessionId("0a0b0c").ToString());

    [Fact]
    public void Bytes_become_the_id() =>
        Assert.Equal("0102", SessionIdInput.ToSessionId(new byte[] { 1, 2 }).ToString());

    [Fact]
    public void Ints_become_the_id() =>
        Assert.Equal("0102", SessionIdInput.ToSessionId(new object[] { 1, 2 }).ToString());

    [Fact]
    public void A_session_id_passes_through()
    {
        var id = new SessionId(new byte[] { 7 });
        Assert.Equal(id, SessionIdInput.ToSessionId(id));
    }

    [Fact]
    public void A_session_gives_its_id()
    {
        var session = new SslSessionBuilder { Cipher = SslCipher.Parse("TLS_AES_128_GCM_SHA256"), SessionId = new byte[] { 5, 6 } }.Build();
        Assert.Equal("0506", SessionIdInput.ToSessionId(session).ToString());
    }

    [Fact]
    public void Thirty_three_bytes_are_refused() =>
        Assert.Throws<FormatException>(() => SessionIdInput.ToSessionId(new byte[33]));

    [Fact]
    public void Thirty_three_bytes_of_hex_are_refused() =>
        Assert.Throws<FormatException>(() => SessionIdInput.ToSessionId(new string('A', 66)));
}
