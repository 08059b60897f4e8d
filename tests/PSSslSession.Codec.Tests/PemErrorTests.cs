using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Codec.Tests.Der;

namespace PSSslSession.Codec.Tests;

/// <summary>What SslSessionPem.ReadAll reports for text it cannot read: the reason, and a message that names the line and what was expected.</summary>
public class PemErrorTests
{
    private static readonly string One = SslSessionPem.Write(new SslSessionBuilder
    {
        Cipher = SslCipher.Parse("TLS_AES_256_GCM_SHA384"),
        SessionId = new byte[] { 1 },
        StartTimeUnixSeconds = 1_700_000_000,
    }.Build());

    private static SslSessionFormatException Refused(string text, SslSessionFormatError reason)
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionPem.ReadAll(text));
        Assert.Equal(reason, e.Reason);
        return e;
    }

    [Fact]
    public void Null_text_is_an_argument_null_exception() =>
        Assert.Throws<ArgumentNullException>(() => SslSessionPem.ReadAll(null!));

    [Fact]
    public void Empty_text_is_no_pem_block() =>
        Refused("", SslSessionFormatError.NoPemBlock);

    [Fact]
    public void The_no_block_error_names_the_begin_line_it_looked_for() =>
        Assert.Contains("'-----BEGIN SSL SESSION PARAMETERS-----'", Refused("hello\n", SslSessionFormatError.NoPemBlock).Message);

    [Fact]
    public void The_header_line_error_names_the_line_number_and_the_header()
    {
        var e = Refused(One.Replace("-----\n", "-----\nProc-Type: 4,ENCRYPTED\n", StringComparison.Ordinal), SslSessionFormatError.BadPem);
        Assert.Contains("line 2:", e.Message);
        Assert.Contains("'Proc-Type: 4,ENCRYPTED'", e.Message);
    }

    [Theory]
    [InlineData("-----END SSL SESSION PARAMETERZ-----")]
    [InlineData("-----END SSL SESSION PARAMETERS EXTRA-----")]
    [InlineData("-----END SSL SESSION PARAMETERS----")]
    [InlineData("-----END CERTIFICATE-----")]
    public void An_end_line_that_does_not_match_the_begin_line_is_bad_pem_and_named_with_the_one_required(string endLine)
    {
        var lines = One.TrimEnd('\n').Split('\n');
        lines[^1] = endLine;
        var e = Refused(string.Join("\n", lines) + "\n", SslSessionFormatError.BadPem);
        Assert.Contains($"line {lines.Length}: found '{endLine}'", e.Message);
        Assert.Contains("opened on line 1", e.Message);
        Assert.Contains("'-----END SSL SESSION PARAMETERS-----' is required", e.Message);
    }

    [Fact]
    public void A_block_without_an_end_line_is_bad_pem_naming_the_block_and_the_end_line_required()
    {
        var e = Refused(One.Substring(0, One.IndexOf("-----END", StringComparison.Ordinal)).TrimEnd('\n'), SslSessionFormatError.BadPem);
        Assert.Contains("'-----BEGIN SSL SESSION PARAMETERS-----' block opened on line 1 has no END line", e.Message);
        Assert.Contains("'-----END SSL SESSION PARAMETERS-----' is required", e.Message);
    }

    [Fact]
    public void A_block_cut_off_before_its_end_line_is_reported_as_missing_its_end_line()
    {
        var e = Refused(One.Substring(0, One.IndexOf("-----END", StringComparison.Ordinal)), SslSessionFormatError.BadPem);
        Assert.Contains("has no END line", e.Message);
    }

    [Fact]
    public void An_unclosed_block_with_an_empty_label_is_bad_pem() =>
        Assert.Contains("no END line", Refused("-----BEGIN -----\nAAAA\n", SslSessionFormatError.BadPem).Message);
}
