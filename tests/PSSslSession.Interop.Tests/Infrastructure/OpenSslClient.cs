using System.Text.RegularExpressions;

namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>
/// One handshake with <c>openssl s_client</c> against an <see cref="OpenSslServer"/>. The client sends an
/// HTTP request and, with <c>-ign_eof</c>, keeps reading until the server closes, so a TLS 1.3
/// NewSessionTicket has arrived before <c>-sess_out</c> writes the session.
/// </summary>
public static partial class OpenSslClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <param name="options">s_client options such as <c>-tls1_2</c>, <c>-no_ticket</c>, <c>-alpn h2</c>.</param>
    /// <param name="sessionOut">Where s_client writes the session (<c>-sess_out</c>), or null.</param>
    /// <param name="sessionIn">A PEM session s_client offers for resumption (<c>-sess_in</c>), or null.</param>
    public static async Task<ClientHandshake> ConnectAsync(OpenSslServer server, IEnumerable<string> options, string? sessionOut = null, string? sessionIn = null)
    {
        var arguments = new List<string> { "s_client", "-connect", $"127.0.0.1:{server.Port}", "-servername", "localhost", "-ign_eof" };
        if (sessionOut != null) arguments.AddRange(new[] { "-sess_out", sessionOut });
        if (sessionIn != null) arguments.AddRange(new[] { "-sess_in", sessionIn });
        arguments.AddRange(options);

        var result = await OpenSslCli.RunAsync(arguments, "GET / HTTP/1.0\r\n\r\n", Timeout);
        // s_client prints "New, TLSv1.2, Cipher is …" or "Reused, TLSv1.3, Cipher is …" after the handshake
        // (TLS 1.3 repeats it per ticket; the first line is the handshake's).
        var match = HandshakeLine().Match(result.StdOut);
        if (result.ExitCode != 0 || !match.Success)
            throw new InvalidOperationException($"s_client did not complete a handshake.\n{result.Describe()}\n--- server ---\n{server.Log}");
        return new ClientHandshake(match.Groups["kind"].Value == "Reused", match.Groups["protocol"].Value, match.Groups["cipher"].Value, result);
    }

    [GeneratedRegex(@"^(?<kind>New|Reused), (?<protocol>\S+), Cipher is (?<cipher>\S+)$", RegexOptions.Multiline)]
    private static partial Regex HandshakeLine();
}
