using PSSslSession.Codec;
using PSSslSession.Interop.Tests.Infrastructure;
using Xunit;

namespace PSSslSession.Interop.Tests;

/// <summary>
/// openssl reads our encoding of sessions that use every field, writes it back byte for byte, and prints
/// what we print: the encoder checked field by field against i2d_SSL_SESSION and SSL_SESSION_print.
/// </summary>
public sealed class EveryFieldSessionTests : IDisposable
{
    private readonly TempDirectory _directory = new("pss-every-field");

    public void Dispose() => _directory.Dispose();

    [Theory]
    [MemberData(nameof(EveryFieldSessions.All), MemberType = typeof(EveryFieldSessions))]
    public async Task Sess_id_writes_our_encoding_of_a_session_with_every_field_back_byte_for_byte(string name)
    {
        var session = EveryFieldSessions.Build(name);
        var ours = await WritePemAsync(name, session);
        var der = _directory.File(name + ".der");

        await OpenSslCli.RunCheckedAsync("sess_id", "-in", ours, "-outform", "DER", "-out", der);

        Assert.Equal(Convert.ToHexString(SslSessionCodec.Encode(session)), Convert.ToHexString(await File.ReadAllBytesAsync(der)));
    }

    [Theory]
    [MemberData(nameof(EveryFieldSessions.All), MemberType = typeof(EveryFieldSessions))]
    public async Task Sess_id_text_of_a_session_with_every_field_is_our_text(string name)
    {
        var session = EveryFieldSessions.Build(name);
        var ours = await WritePemAsync(name, session);

        var printed = await OpenSslCli.RunCheckedAsync("sess_id", "-in", ours, "-text", "-noout");

        Assert.Equal(printed.StdOut, SslSessionText.Format(session, includeSecret: true));
    }

    [Theory]
    [MemberData(nameof(EveryFieldSessions.All), MemberType = typeof(EveryFieldSessions))]
    public async Task Our_decoder_reads_back_every_field_sess_id_wrote(string name)
    {
        var session = EveryFieldSessions.Build(name);
        var ours = await WritePemAsync(name, session);
        var pem = _directory.File(name + ".openssl.pem");
        await OpenSslCli.RunCheckedAsync("sess_id", "-in", ours, "-out", pem);

        var read = SslSessionPem.ReadAll(await File.ReadAllTextAsync(pem)).Single();

        Assert.Equal(session.ServerName, read.ServerName);
        Assert.Equal(session.PskIdentity, read.PskIdentity);
        Assert.Equal(session.PskIdentityHint, read.PskIdentityHint);
        Assert.Equal(session.SrpUsername, read.SrpUsername);
        Assert.Equal(session.GetSessionIdContext(), read.GetSessionIdContext());
        Assert.Equal(session.TicketAppData, read.TicketAppData);
        Assert.Equal(session.MaxFragmentLength, read.MaxFragmentLength);
        Assert.Equal(session.MaxEarlyData, read.MaxEarlyData);
        Assert.Equal(session.TicketAgeAdd, read.TicketAgeAdd);
        Assert.Equal(session.KeyExchangeGroupId, read.KeyExchangeGroupId);
        Assert.Equal(session.VerifyResult, read.VerifyResult);
        Assert.Equal(session.Ticket, read.Ticket);
        Assert.Equal(session.Compression, read.Compression);
        Assert.Equal(Convert.ToHexString(SslSessionCodec.Encode(session)), Convert.ToHexString(SslSessionCodec.Encode(read)));
    }

    private async Task<string> WritePemAsync(string name, SslSession session)
    {
        var path = _directory.File(name + ".pem");
        await File.WriteAllTextAsync(path, SslSessionPem.Write(session));
        return path;
    }
}
