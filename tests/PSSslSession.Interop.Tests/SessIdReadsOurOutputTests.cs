using PSSslSession.Codec;
using PSSslSession.Interop.Tests.Infrastructure;
using Xunit;

namespace PSSslSession.Interop.Tests;

/// <summary><c>openssl sess_id</c> reads what we write, and prints what we print.</summary>
[Collection(OpenSslServerCollection.Name)]
public sealed class SessIdReadsOurOutputTests(OpenSslServer server)
{
    [Theory]
    [MemberData(nameof(SessionKinds.All), MemberType = typeof(SessionKinds))]
    public async Task Sess_id_text_of_our_PEM_is_exactly_our_text_with_the_secret(SessionKind kind)
    {
        var session = SslSessionCodec.Decode((await server.Sessions.GetAsync(kind)).Der);
        var ours = await WriteOurPemAsync(kind, session);

        var printed = await OpenSslCli.RunCheckedAsync("sess_id", "-in", ours, "-text", "-noout");

        Assert.Equal(printed.StdOut, SslSessionText.Format(session, includeSecret: true));
    }

    [Theory]
    [MemberData(nameof(SessionKinds.All), MemberType = typeof(SessionKinds))]
    public async Task Our_text_with_the_secret_is_exactly_sess_id_text_of_the_file_s_client_wrote(SessionKind kind)
    {
        var real = await server.Sessions.GetAsync(kind);

        var printed = await OpenSslCli.RunCheckedAsync("sess_id", "-in", real.PemPath, "-text", "-noout");

        Assert.Equal(printed.StdOut, SslSessionText.Format(SslSessionPem.ReadAll(real.Pem).Single(), includeSecret: true));
    }

    [Theory]
    [MemberData(nameof(SessionKinds.All), MemberType = typeof(SessionKinds))]
    public async Task Sess_id_turns_our_PEM_into_our_DER(SessionKind kind)
    {
        var session = SslSessionCodec.Decode((await server.Sessions.GetAsync(kind)).Der);
        var ours = await WriteOurPemAsync(kind, session);
        var der = server.Directory.File($"{kind}.ours.der");

        await OpenSslCli.RunCheckedAsync("sess_id", "-in", ours, "-outform", "DER", "-out", der);

        Assert.Equal(Convert.ToHexString(SslSessionCodec.Encode(session)), Convert.ToHexString(await File.ReadAllBytesAsync(der)));
    }

    [Theory]
    [MemberData(nameof(SessionKinds.All), MemberType = typeof(SessionKinds))]
    public async Task Sess_id_NSS_output_of_our_PEM_is_our_key_log_line(SessionKind kind)
    {
        var session = SslSessionCodec.Decode((await server.Sessions.GetAsync(kind)).Der);
        Assert.False(session.GetSessionId().IsEmpty || session.MasterKey.IsEmpty, "sess_id -outform NSS needs an id and a key");
        var ours = await WriteOurPemAsync(kind, session);

        var printed = await OpenSslCli.RunCheckedAsync("sess_id", "-in", ours, "-outform", "NSS");

        Assert.Equal(printed.StdOut.TrimEnd('\n'), SslSessionText.FormatKeyLog(session).TrimEnd('\n'));
    }

    [Fact]
    public async Task Sess_id_reads_the_first_session_of_our_PEM_bundle()
    {
        var sessions = new List<SslSession>();
        foreach (var kind in Enum.GetValues<SessionKind>()) sessions.Add(SslSessionCodec.Decode((await server.Sessions.GetAsync(kind)).Der));
        var bundle = server.Directory.File("ours.bundle.pem");
        await File.WriteAllTextAsync(bundle, SslSessionPem.Write(sessions));
        var der = server.Directory.File("ours.bundle.first.der");

        await OpenSslCli.RunCheckedAsync("sess_id", "-in", bundle, "-outform", "DER", "-out", der);

        Assert.Equal(Convert.ToHexString(SslSessionCodec.Encode(sessions[0])), Convert.ToHexString(await File.ReadAllBytesAsync(der)));
    }

    private async Task<string> WriteOurPemAsync(SessionKind kind, SslSession session)
    {
        var path = server.Directory.File($"{kind}.ours.pem");
        await File.WriteAllTextAsync(path, SslSessionPem.Write(session));
        return path;
    }
}
