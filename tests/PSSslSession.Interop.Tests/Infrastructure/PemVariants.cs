namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>
/// Re-writings of a one-session PEM file the way people and tools mangle them (line ends, wrapping, text around
/// the block, headers, broken base64), to compare our PEM reader with OpenSSL's PEM_read_bio_SSL_SESSION.
/// </summary>
public static class PemVariants
{
    private const string Begin = "-----BEGIN SSL SESSION PARAMETERS-----";
    private const string End = "-----END SSL SESSION PARAMETERS-----";

    /// <summary>A blank line after the second body line (tested on its own, not part of <see cref="Names"/>).</summary>
    public const string BlankLineInsideTheBody = "blank line inside the body";

    /// <summary>The names of the variants in <see cref="Names"/>, as xunit theory data.</summary>
    public static Xunit.TheoryData<string> All => new(Names);

    public static readonly string[] Names =
    {
        "as written", "CRLF line ends", "no final newline", "sess_id -text output before the block", "wrapped at 76 columns",
        "body on one line", "spaces after body lines", "spaces before body lines",
        "tab inside body lines", "no END line", "END label differs", "CERTIFICATE label", "lowercase label",
        "bad base64 character", "base64 padding removed", "Proc-Type and DEK-Info headers", "two sessions",
        "a CERTIFICATE block first", "empty file",
    };

    /// <summary>The variant <paramref name="name"/> of <paramref name="pem"/> (one session, 64-column lines, "\n" ends).</summary>
    /// <param name="textOutput">What <c>openssl sess_id -text</c> prints for the session (text, then the PEM block).</param>
    /// <param name="secondPem">Another one-session PEM file, for the bundle variant.</param>
    public static string Make(string name, string pem, string textOutput, string secondPem)
    {
        var lines = pem.TrimEnd('\n').Split('\n');
        var body = lines[1..^1];
        string Block(IEnumerable<string> bodyLines, string begin = Begin, string end = End) =>
            begin + "\n" + string.Join("\n", bodyLines) + "\n" + end + "\n";
        return name switch
        {
            "as written" => pem,
            "CRLF line ends" => pem.Replace("\n", "\r\n"),
            "no final newline" => pem.TrimEnd('\n'),
            "sess_id -text output before the block" => textOutput,
            "wrapped at 76 columns" => Block(Chunk(string.Concat(body), 76)),
            "body on one line" => Block(new[] { string.Concat(body) }),
            BlankLineInsideTheBody => Block(body.Take(2).Append("").Concat(body.Skip(2))),
            "spaces after body lines" => Block(body.Select(l => l + "  ")),
            "spaces before body lines" => Block(body.Select(l => "  " + l)),
            "tab inside body lines" => Block(body.Select(l => l.Length > 20 ? l[..20] + "\t" + l[20..] : l)),
            "no END line" => Begin + "\n" + string.Join("\n", body) + "\n",
            "END label differs" => Block(body, end: "-----END CERTIFICATE-----"),
            "CERTIFICATE label" => pem.Replace("SSL SESSION PARAMETERS", "CERTIFICATE"),
            "lowercase label" => pem.Replace("SSL SESSION PARAMETERS", "ssl session parameters"),
            "bad base64 character" => Block(body.Select((l, i) => i == 1 ? l[..10] + "*" + l[11..] : l)),
            "base64 padding removed" => Block(Chunk(string.Concat(body).TrimEnd('='), 64)),
            "Proc-Type and DEK-Info headers" => Block(new[] { "Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF", "" }.Concat(body)),
            "two sessions" => pem + secondPem,
            "a CERTIFICATE block first" => "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n" + pem,
            "empty file" => "",
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a PEM variant"),
        };
    }

    private static IEnumerable<string> Chunk(string text, int width)
    {
        for (int i = 0; i < text.Length; i += width) yield return text.Substring(i, Math.Min(width, text.Length - i));
    }
}
