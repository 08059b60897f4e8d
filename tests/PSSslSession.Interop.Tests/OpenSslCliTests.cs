using PSSslSession.Interop.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace PSSslSession.Interop.Tests;

/// <summary>The tool every interop test compares against.</summary>
public sealed class OpenSslCliTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_openssl_cli_under_test_is_OpenSSL_3()
    {
        var version = await OpenSslCli.VersionAsync();
        output.WriteLine($"openssl under test: {version} ({OpenSslCli.Path})");
        // The codec mirrors OpenSSL 3.0's session format (3.2+ adds [20]); 1.1.1 cannot read 3.0 sessions.
        Assert.StartsWith("OpenSSL 3.", version);
    }
}
