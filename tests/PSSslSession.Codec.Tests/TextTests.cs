using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Codec.Tests.Der;

namespace PSSslSession.Codec.Tests;

/// <summary>§C: SSL_SESSION_print (openssl sess_id -text -noout) and the NSS key log line.</summary>
public class TextTests
{
    private static SslSessionBuilder Sample() => new()
    {
        Protocol = SslProtocol.TLSv12,
        Cipher = SslCipher.Parse("ECDHE-ECDSA-AES256-GCM-SHA384"),
        SessionId = Enumerable.Repeat((byte)0x11, 32).ToArray(),
        MasterKey = Enumerable.Repeat((byte)0x22, 48).ToArray(),
        StartTimeUnixSeconds = 1_700_000_000,
        TimeoutSeconds = 300,
        VerifyResult = 0,
    };

    [Fact]
    public void Spec_sample_is_reproduced_exactly()
    {
        var expected =
            "SSL-Session:\n" +
            "    Protocol  : TLSv1.2\n" +
            "    Cipher    : ECDHE-ECDSA-AES256-GCM-SHA384\n" +
            "    Session-ID: " + new string('1', 64) + "\n" +
            "    Session-ID-ctx: \n" +
            "    Master-Key: " + new string('2', 96) + "\n" +
            "    PSK identity: None\n" +
            "    PSK identity hint: None\n" +
            "    SRP username: None\n" +
            "    Start Time: 1700000000\n" +
            "    Timeout   : 300 (sec)\n" +
            "    Verify return code: 0 (ok)\n" +
            "    Extended master secret: no\n";
        Assert.Equal(expected, SslSessionText.Format(Sample().Build(), includeSecret: true));
    }

    [Fact]
    public void Empty_session_id_leaves_a_trailing_space()
    {
        var b = Sample();
        b.SessionId = Array.Empty<byte>();
        Assert.Contains("\n    Session-ID: \n", SslSessionText.Format(b.Build(), true));
    }

    [Fact]
    public void Master_key_is_masked_without_include_secret()
    {
        var text = SslSessionText.Format(Sample().Build(), includeSecret: false);
        Assert.Contains("    Master-Key: <redacted: 48 bytes>\n", text);
        Assert.DoesNotContain("2222", text);
    }

    [Theory]
    [InlineData("tls12-client")]
    [InlineData("tls13-client")]
    public void Output_equals_openssl_sess_id_text_for_real_sessions(string name)
    {
        var s = SslSessionPem.ReadAll(File.ReadAllText(DataFile(name + ".pem")))[0];
        Assert.Equal(File.ReadAllText(DataFile(name + ".txt")), SslSessionText.Format(s, includeSecret: true));
    }

    [Fact]
    public void Ticket_dump_has_rows_of_16_a_partial_last_row_and_a_blank_line_after()
    {
        var b = Sample();
        b.Ticket = Enumerable.Range(0x3E, 18).Select(i => (byte)i).ToArray();
        var text = SslSessionText.Format(b.Build(), true);
        Assert.Contains(
            "    TLS session ticket:\n" +
            "    0000 - 3e 3f 40 41 42 43 44 45-46 47 48 49 4a 4b 4c 4d   >?@ABCDEFGHIJKLM\n" +
            "    0010 - 4e 4f                                             NO\n" +
            "\n" +
            "    Start Time: 1700000000\n", text);
    }

    [Fact]
    public void Ticket_dump_shows_unprintable_bytes_as_dots()
    {
        var b = Sample();
        b.Ticket = new byte[] { 0x00, 0x7F, 0x41, 0xFF };
        Assert.Contains("    0000 - 00 7f 41 ff                                       ..A.\n", SslSessionText.Format(b.Build(), true));
    }

    [Fact]
    public void Empty_ticket_stops_the_output_as_openssl_does()
    {
        var b = Sample();
        b.Ticket = Array.Empty<byte>();
        Assert.EndsWith("    SRP username: None\n    TLS session ticket:\n", SslSessionText.Format(b.Build(), true));
    }

    [Fact]
    public void Tls13_prints_resumption_psk_and_max_early_data()
    {
        var b = Sample();
        b.Protocol = SslProtocol.TLSv13;
        b.Cipher = SslCipher.Parse("TLS_AES_256_GCM_SHA384");
        b.MaxEarlyData = 16384;
        var text = SslSessionText.Format(b.Build(), true);
        Assert.Contains("    Resumption PSK: " + new string('2', 96) + "\n", text);
        Assert.EndsWith("    Extended master secret: no\n    Max Early Data: 16384\n", text);
    }

    [Fact]
    public void Psk_srp_hint_compression_and_negative_timeout_lines_appear_when_set()
    {
        var b = Sample();
        b.PskIdentity = "id";
        b.PskIdentityHint = "hint";
        b.SrpUsername = "user";
        b.TicketLifetimeHintSeconds = 600;
        b.Compression = 1;
        var der = SslSessionCodec.Encode(b.Build());
        der[Array.IndexOf(der, (byte)0xA2) + 4] = 0xFF; // timeout 300 (A2 04 02 02 01 2C) -> 0xFF2C = -212
        var text = SslSessionText.Format(SslSessionCodec.Decode(der), true);
        Assert.Contains(
            "    PSK identity: id\n" +
            "    PSK identity hint: hint\n" +
            "    SRP username: user\n" +
            "    TLS session ticket lifetime hint: 600 (seconds)\n" +
            "    Compression: 1\n" +
            "    Start Time: 1700000000\n" +
            "    Timeout   : -212 (sec)\n", text);
    }

    [Fact]
    public void Verify_result_prints_openssl_text()
    {
        var b = Sample();
        b.VerifyResult = 18;
        Assert.Contains("    Verify return code: 18 (self-signed certificate)\n", SslSessionText.Format(b.Build(), true));
    }

    [Fact]
    public void Key_log_line_is_uppercase_id_and_key()
    {
        var b = Sample();
        b.SessionId = H("0a0b");
        b.MasterKey = H("c0ffee");
        Assert.Equal("RSA Session-ID:0A0B Master-Key:C0FFEE", SslSessionText.FormatKeyLog(b.Build()));
    }

    [Fact]
    public void Key_log_refuses_a_session_without_id()
    {
        var b = Sample();
        b.SessionId = Array.Empty<byte>();
        Assert.Equal(SslSessionFormatError.CannotFormat, Assert.Throws<SslSessionFormatException>(() => SslSessionText.FormatKeyLog(b.Build())).Reason);
    }

    [Fact]
    public void Key_log_refuses_a_session_without_key()
    {
        var b = Sample();
        b.MasterKey = Array.Empty<byte>();
        Assert.Equal(SslSessionFormatError.CannotFormat, Assert.Throws<SslSessionFormatException>(() => SslSessionText.FormatKeyLog(b.Build())).Reason);
    }

    [Fact]
    public void Format_of_a_null_session_is_an_argument_null_exception() =>
        Assert.Throws<ArgumentNullException>(() => SslSessionText.Format(null!, true));

    [Fact]
    public void Ticket_dump_shows_space_and_tilde_as_themselves_and_the_bytes_beside_them_as_dots()
    {
        var b = Sample();
        b.Ticket = new byte[] { 0x1F, 0x20, 0x7E, 0x7F };
        Assert.Contains("    0000 - 1f 20 7e 7f                                       . ~.\n", SslSessionText.Format(b.Build(), true));
    }

    [Theory]
    [InlineData(0, "0010")]
    [InlineData(4, "0010")]
    [InlineData(6, "0010")]
    [InlineData(7, "000f")]
    [InlineData(10, "000f")]
    [InlineData(11, "000e")]
    public void A_dump_indented_beyond_six_columns_loses_a_byte_per_row_for_every_four_columns_more(int indent, string secondRow)
    {
        var sb = new System.Text.StringBuilder();
        SslSessionText.AppendDump(sb, new byte[40], indent);
        Assert.StartsWith(new string(' ', indent) + secondRow + " - ", sb.ToString().Split('\n')[1]);
    }

    [Fact]
    public void Key_log_of_a_null_session_is_an_argument_null_exception() =>
        Assert.Throws<ArgumentNullException>(() => SslSessionText.FormatKeyLog(null!));

    [Fact]
    public void Key_log_refusal_names_the_id_and_key_lengths()
    {
        var b = Sample();
        b.SessionId = Array.Empty<byte>();
        var e = Assert.Throws<SslSessionFormatException>(() => SslSessionText.FormatKeyLog(b.Build()));
        Assert.Contains("0-byte id", e.Message);
        Assert.Contains("48-byte key", e.Message);
    }
}
