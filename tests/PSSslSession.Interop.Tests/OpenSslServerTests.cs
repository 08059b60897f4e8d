using PSSslSession.Interop.Tests.Infrastructure;
using Xunit;

namespace PSSslSession.Interop.Tests;

/// <summary>The throwaway server fixture cleans up after itself.</summary>
public sealed class OpenSslServerTests
{
    [Fact]
    public async Task A_disposed_server_no_longer_accepts_and_its_files_are_gone()
    {
        var server = new OpenSslServer();
        await server.InitializeAsync();
        Assert.True(await FreeTcpPort.AcceptsAsync(server.Port, TimeSpan.FromSeconds(2)), "the server did not accept after start");

        await server.DisposeAsync();

        Assert.False(await FreeTcpPort.AcceptsAsync(server.Port, TimeSpan.FromSeconds(2)), "the server still accepts after dispose");
        Assert.False(Directory.Exists(server.Directory.Path), "the certificate folder is still there");
    }
}
