using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Codec.Tests.Der;

namespace PSSslSession.Codec.Tests;

/// <summary>§A.5: PEM_read_bio_SSL_SESSION / PEM_write_bio_SSL_SESSION.</summary>
public class PemTests
{
    private static SslSession Numbered(int i) => new SslSessionBuilder
    {
        Cipher = SslCipher.Parse("TLS_AES_256_GCM_SHA384"),
        SessionId = new[] { (byte)i },
        StartTimeUnixSeconds = 1_700_000_000,
    }.Build();

    private static readonly string One = SslSessionPem.Write(Numbered(1));

    [Fact]
    public void Single_block_reads_back()
    {
        Assert.Equal("01", Assert.Single(SslSessionPem.ReadAll(One)).SessionId.ToString());
    }

    [Fact]
    public void Bundle_of_three_reads_back_in_order()
    {
        var pem = SslSessionPem.Write(new[] { Numbered(1), Numbered(2), Numbered(3) });
        Assert.Equal(new[] { "01", "02", "03" }, SslSessionPem.ReadAll(pem).Select(s => s.SessionId.ToString()));
    }

    [Fact]
    public void Text_before_begin_is_skipped()
    {
        var text = SslSessionText.Format(Numbered(1), includeSecret: false) + One;
        Assert.Single(SslSessionPem.ReadAll(text));
    }

    [Fact]
    public void Crlf_line_ends_are_accepted()
    {
        Assert.Single(SslSessionPem.ReadAll(One.Replace("\n", "\r\n")));
    }

    [Fact]
    public void Bad_base64_character_is_bad_base64()
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionPem.ReadAll(One.Replace("-----\n", "-----\n*", StringComparison.Ordinal)));
        Assert.Equal(SslSessionFormatError.BadBase64, e.Reason);
    }

    [Fact]
    public void Padding_in_the_middle_is_bad_base64()
    {
        var lines = One.Split('\n');
        lines[1] = "AA==" + lines[1];
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionPem.ReadAll(string.Join("\n", lines)));
        Assert.Equal(SslSessionFormatError.BadBase64, e.Reason);
    }

    [Fact]
    public void Missing_end_line_is_bad_pem()
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionPem.ReadAll(One.Substring(0, One.IndexOf("-----END"))));
        Assert.Equal(SslSessionFormatError.BadPem, e.Reason);
    }

    [Fact]
    public void Text_without_a_block_is_no_pem_block()
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionPem.ReadAll("hello\n"));
        Assert.Equal(SslSessionFormatError.NoPemBlock, e.Reason);
    }

    [Fact]
    public void Block_with_another_label_is_ignored()
    {
        var cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        Assert.Single(SslSessionPem.ReadAll(cert + One));
    }

    [Fact]
    public void Only_other_labels_is_no_pem_block()
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionPem.ReadAll("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"));
        Assert.Equal(SslSessionFormatError.NoPemBlock, e.Reason);
    }

    [Fact]
    public void Header_line_in_a_session_block_is_bad_pem()
    {
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionPem.ReadAll(One.Replace("-----\n", "-----\nProc-Type: 4,ENCRYPTED\n", StringComparison.Ordinal)));
        Assert.Equal(SslSessionFormatError.BadPem, e.Reason);
    }

    [Fact]
    public void Write_uses_64_columns_and_newline_line_ends()
    {
        var pem = SslSessionPem.Write(Rich());
        var body = pem.Split('\n').Skip(1).TakeWhile(l => !l.StartsWith("-----")).ToList();
        Assert.All(body.Take(body.Count - 1), l => Assert.Equal(64, l.Length));
        Assert.InRange(body[^1].Length, 1, 64);
        Assert.DoesNotContain("\r", pem);
        Assert.StartsWith("-----BEGIN SSL SESSION PARAMETERS-----\n", pem);
        Assert.EndsWith("-----END SSL SESSION PARAMETERS-----\n", pem);
    }

    [Fact]
    public void An_empty_first_line_before_begin_is_skipped() =>
        Assert.Single(SslSessionPem.ReadAll("\n" + One));

    [Fact]
    public void A_line_of_dashes_before_begin_is_ordinary_text() =>
        Assert.Single(SslSessionPem.ReadAll("------------------------------\n" + One));

    [Fact]
    public void A_line_that_starts_like_begin_but_lacks_the_closing_dashes_is_ordinary_text() =>
        Assert.Single(SslSessionPem.ReadAll("-----BEGIN SSL SESSION PARAMETERS follow\n" + One));

    [Fact]
    public void Write_of_a_null_session_is_an_argument_null_exception() =>
        Assert.Throws<ArgumentNullException>(() => SslSessionPem.Write((SslSession)null!));

    [Fact]
    public void Write_of_a_null_sequence_is_an_argument_null_exception() =>
        Assert.Throws<ArgumentNullException>(() => SslSessionPem.Write((IEnumerable<SslSession>)null!));

    [Fact]
    public void Write_of_a_sequence_holding_null_is_an_argument_exception()
    {
        var e = Assert.Throws<ArgumentException>(() => SslSessionPem.Write(new[] { Numbered(1), null! }));
        Assert.Equal("sessions", e.ParamName);
        Assert.Contains("null session", e.Message);
    }

    [Fact]
    public void Write_of_base64_filling_whole_lines_has_no_blank_line_before_end()
    {
        // A DER length that is a multiple of 48 bytes gives base64 that is a multiple of 64 characters.
        var b = new SslSessionBuilder { Cipher = SslCipher.Parse("TLS_AES_256_GCM_SHA384"), StartTimeUnixSeconds = 1_700_000_000 };
        for (int n = 0; SslSessionCodec.Encode(b.Build()).Length % 48 != 0; n++) b.Ticket = new byte[n];
        var pem = SslSessionPem.Write(b.Build());
        Assert.DoesNotContain("\n\n", pem);
        Assert.Single(SslSessionPem.ReadAll(pem));
    }
}
