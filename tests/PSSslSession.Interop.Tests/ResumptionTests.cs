using System.Security.Cryptography;
using PSSslSession.Codec;
using PSSslSession.Interop.Tests.Infrastructure;
using Xunit;

namespace PSSslSession.Interop.Tests;

/// <summary><c>openssl s_client -sess_in</c> resumes with a session file our encoder wrote.</summary>
[Collection(OpenSslServerCollection.Name)]
public sealed class ResumptionTests(OpenSslServer server)
{
    [Theory]
    [MemberData(nameof(SessionKinds.All), MemberType = typeof(SessionKinds))]
    public async Task S_client_resumes_from_a_session_file_we_encoded(SessionKind kind)
    {
        var session = SslSessionCodec.Decode((await server.Sessions.GetAsync(kind)).Der);
        var ours = server.Directory.File($"{kind}.resume.pem");
        await File.WriteAllTextAsync(ours, SslSessionPem.Write(session));

        var handshake = await OpenSslClient.ConnectAsync(server, kind.ClientOptions(), sessionIn: ours);

        Assert.True(handshake.Reused, "s_client did not resume:\n" + handshake.Output.Describe());
        Assert.Equal(session.Protocol, handshake.Protocol);
        Assert.Equal(session.Cipher, handshake.Cipher);
    }

    [Fact]
    public async Task S_client_makes_a_new_session_when_our_file_carries_an_id_the_server_never_issued()
    {
        var real = SslSessionCodec.Decode((await server.Sessions.GetAsync(SessionKind.Tls12SessionId)).Der);
        var builder = real.ToBuilder();
        builder.SessionId = RandomNumberGenerator.GetBytes(32);
        var ours = server.Directory.File("unknown-id.pem");
        await File.WriteAllTextAsync(ours, SslSessionPem.Write(builder.Build()));

        var handshake = await OpenSslClient.ConnectAsync(server, SessionKind.Tls12SessionId.ClientOptions(), sessionIn: ours);

        Assert.False(handshake.Reused, "the server resumed a session id it never issued:\n" + handshake.Output.Describe());
    }
}
