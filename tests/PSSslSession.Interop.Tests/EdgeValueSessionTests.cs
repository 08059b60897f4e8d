using PSSslSession.Codec;
using PSSslSession.Interop.Tests.Infrastructure;
using Xunit;

namespace PSSslSession.Interop.Tests;

/// <summary>openssl reads our encoding of sessions at the limits of the format, writes it back unchanged, and prints what we print.</summary>
public sealed class EdgeValueSessionTests : IDisposable
{
    private readonly TempDirectory _directory = new("pss-edge-values");

    public void Dispose() => _directory.Dispose();

    [Theory]
    [MemberData(nameof(EdgeValueSessions.All), MemberType = typeof(EdgeValueSessions))]
    public async Task Sess_id_writes_our_encoding_of_a_session_at_the_limits_back_byte_for_byte(string name)
    {
        var session = EdgeValueSessions.Build(name);
        var ours = SslSessionCodec.Encode(session);

        var openssl = await OpenSslDecoder.JudgeAsync(ours, _directory.Path, "edge");

        Assert.True(openssl.Accepted, openssl.Detail);
        Assert.Equal(Convert.ToHexString(ours), Convert.ToHexString(openssl.Reencoded!));
    }

    [Theory]
    [MemberData(nameof(EdgeValueSessions.All), MemberType = typeof(EdgeValueSessions))]
    public async Task Sess_id_text_of_a_session_at_the_limits_is_our_text(string name)
    {
        var session = EdgeValueSessions.Build(name);

        var printed = await SessIdText.PrintAllAsync(new[] { session }, _directory.Path);

        Assert.Equal(printed[0], SslSessionText.Format(session, includeSecret: true));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Sess_id_refuses_a_key_log_line_without_id_or_key_as_we_do(bool emptyId, bool emptyKey)
    {
        var builder = EdgeValueSessions.Build("longest id, key and context").ToBuilder();
        if (emptyId) builder.SessionId = Array.Empty<byte>();
        if (emptyKey) builder.MasterKey = Array.Empty<byte>();
        var session = builder.Build();
        var path = _directory.File("no-id-or-key.pem");
        await File.WriteAllTextAsync(path, SslSessionPem.Write(session));

        var openssl = await OpenSslCli.RunAsync("sess_id", "-in", path, "-outform", "NSS");

        Assert.NotEqual(0, openssl.ExitCode);
        var refused = Assert.Throws<SslSessionFormatException>(() => SslSessionText.FormatKeyLog(session));
        Assert.Equal(SslSessionFormatError.CannotFormat, refused.Reason);
    }
}
