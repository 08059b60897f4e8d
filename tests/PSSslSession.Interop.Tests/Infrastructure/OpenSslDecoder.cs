namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>
/// <c>openssl sess_id -inform DER -outform DER</c> (d2i_SSL_SESSION, then i2d_SSL_SESSION) as the other side of a
/// decoder comparison: exit code 0 = accepted, and the DER it writes is its re-encoding.
/// </summary>
public static class OpenSslDecoder
{
    private const int Parallelism = 4;

    public static async Task<DecodeVerdict> JudgeAsync(byte[] input, string folder, string name)
    {
        var inputPath = Path.Combine(folder, name + ".der");
        var outputPath = Path.Combine(folder, name + ".out.der");
        await File.WriteAllBytesAsync(inputPath, input);
        var result = await OpenSslCli.RunAsync("sess_id", "-inform", "DER", "-in", inputPath, "-outform", "DER", "-out", outputPath);
        return result.ExitCode == 0
            ? new DecodeVerdict(true, "accepted", await File.ReadAllBytesAsync(outputPath))
            : new DecodeVerdict(false, result.StdErr.Split('\n').FirstOrDefault(l => l.Contains(":error:")) ?? result.StdErr.Trim(), null);
    }

    /// <summary>Judges every input, four openssl processes at a time; the verdicts come back in input order.</summary>
    public static async Task<DecodeVerdict[]> JudgeAllAsync(IReadOnlyList<byte[]> inputs, string folder)
    {
        using var gate = new SemaphoreSlim(Parallelism);
        return await Task.WhenAll(inputs.Select(async (input, index) =>
        {
            await gate.WaitAsync();
            try { return await JudgeAsync(input, folder, index.ToString(System.Globalization.CultureInfo.InvariantCulture)); }
            finally { gate.Release(); }
        }));
    }
}
