using PSSslSession.Codec;

namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>What <c>openssl sess_id -text -noout</c> prints for sessions we encode (SSL_SESSION_print).</summary>
public static class SessIdText
{
    private const int Parallelism = 4;

    /// <summary>openssl's text for each session, in order; a session openssl refuses fails with its output.</summary>
    public static async Task<string[]> PrintAllAsync(IReadOnlyList<SslSession> sessions, string folder)
    {
        using var gate = new SemaphoreSlim(Parallelism);
        return await Task.WhenAll(sessions.Select(async (session, index) =>
        {
            await gate.WaitAsync();
            try
            {
                var path = Path.Combine(folder, $"print-{index}.pem");
                await File.WriteAllTextAsync(path, SslSessionPem.Write(session));
                return (await OpenSslCli.RunCheckedAsync("sess_id", "-in", path, "-text", "-noout")).StdOut;
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
