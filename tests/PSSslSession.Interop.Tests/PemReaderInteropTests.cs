using PSSslSession.Codec;
using PSSslSession.Interop.Tests.Infrastructure;
using Xunit;

namespace PSSslSession.Interop.Tests;

/// <summary>Our PEM reader reads a mangled session file exactly when <c>openssl sess_id</c> does, and reads the same session.</summary>
public sealed class PemReaderInteropTests : IDisposable
{
    private readonly TempDirectory _directory = new("pss-pem");

    public void Dispose() => _directory.Dispose();

    /// <summary>
    /// Variants on which we disagree with OpenSSL on purpose, and why. OpenSSL decodes the body with EVP_DecodeUpdate,
    /// which skips blanks and tabs anywhere in a line.
    /// </summary>
    private static readonly Dictionary<string, string> KnownDifferences = new()
    {
        ["spaces before body lines"] = "SslSessionPem reads strict base64 (documented there): a body line may only carry base64 " +
                                        "characters (a CR or trailing blanks at its end are tolerated); OpenSSL skips blanks anywhere.",
        ["tab inside body lines"] = "SslSessionPem reads strict base64 (documented there); OpenSSL skips tabs anywhere in the body.",
    };

    [Theory]
    [MemberData(nameof(PemVariants.All), MemberType = typeof(PemVariants))]
    public async Task Our_PEM_reader_reads_a_variant_of_a_session_file_exactly_when_openssl_does(string variant)
    {
        var (ours, theirs) = await ReadBothAsync(variant);

        if (KnownDifferences.ContainsKey(variant))
        {
            Assert.True(ours.StartsWith("refused") != theirs.StartsWith("refused"),
                $"variant '{variant}' is listed as a known difference, but both readers now agree; remove it from the list.");
            return;
        }
        AssertSameReading(variant, ours, theirs);
    }

    [Fact]
    public async Task A_blank_line_inside_the_body_makes_a_session_file_unreadable_as_for_openssl()
    {
        // PEM_read_bio takes the lines before a blank line as RFC 1421 headers ("not proc type"): the file is refused.
        var (ours, theirs) = await ReadBothAsync(PemVariants.BlankLineInsideTheBody);

        AssertSameReading(PemVariants.BlankLineInsideTheBody, ours, theirs);
    }

    /// <summary>The hex of the first session each reader finds in the variant, or "refused: …".</summary>
    private async Task<(string Ours, string Theirs)> ReadBothAsync(string variant)
    {
        var textOutput = (await OpenSslCli.RunCheckedAsync("sess_id", "-in", SampleSessions.PathOf("tls12-session-id.pem"), "-text")).StdOut;
        var text = PemVariants.Make(variant, SampleSessions.Text("tls12-session-id.pem"), textOutput, SampleSessions.Text("tls13-ticket.pem"));
        var input = _directory.File("variant.pem");
        var output = _directory.File("variant.der");
        await File.WriteAllTextAsync(input, text);

        var openssl = await OpenSslCli.RunAsync("sess_id", "-in", input, "-outform", "DER", "-out", output);
        var theirs = openssl.ExitCode == 0 ? Convert.ToHexString(await File.ReadAllBytesAsync(output)) : "refused: " + openssl.StdErr.Trim();
        try
        {
            return (Convert.ToHexString(SslSessionCodec.Encode(SslSessionPem.ReadAll(text)[0])), theirs);
        }
        catch (SslSessionFormatException e)
        {
            return ($"refused: {e.Reason}: {e.Message}", theirs);
        }
    }

    private static void AssertSameReading(string variant, string ours, string theirs) =>
        Assert.True(ours.StartsWith("refused") == theirs.StartsWith("refused") && (ours.StartsWith("refused") || ours == theirs),
            $"variant '{variant}':\n  ours:    {ours}\n  openssl: {theirs}");
}
