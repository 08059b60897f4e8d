using System.Text;
using PSSslSession.Codec;
using Xunit;

namespace PSSslSession.Commands.Tests;

public class SessionFormatterTests
{
    private static byte[] File(SessionOutputFormat format, params SslSession[] sessions) =>
        SessionFormatter.Join(sessions.Select(s => SessionFormatter.Format(s, format, false)).ToList(), format);

    [Fact]
    public void Der_of_one_session_is_its_encoding() =>
        Assert.Equal(SslSessionCodec.Encode(TestSessions.Tls12()), File(SessionOutputFormat.Der, TestSessions.Tls12()));

    [Fact]
    public void Der_of_two_sessions_is_refused_with_MultipleSessionsForDer()
    {
        var e = Assert.Throws<SessionExportException>(() => File(SessionOutputFormat.Der, TestSessions.Tls12(1), TestSessions.Tls12(2)));
        Assert.Equal(SessionExportError.MultipleSessionsForDer, e.Reason);
    }

    [Fact]
    public void Pem_of_two_sessions_is_a_bundle_that_reads_back_in_order()
    {
        var file = File(SessionOutputFormat.Pem, TestSessions.Tls12(1), TestSessions.Tls12(2));
        var back = SslSessionReader.ReadAny(file);
        Assert.Equal(new[] { TestSessions.Tls12(1).SessionId, TestSessions.Tls12(2).SessionId }, back.Select(s => s.SessionId));
    }

    [Fact]
    public void Text_masks_the_master_key_without_IncludeSecret()
    {
        var text = (string)SessionFormatter.Format(TestSessions.Tls12(), SessionOutputFormat.Text, includeSecret: false);
        Assert.DoesNotContain(string.Concat(Enumerable.Repeat("AB", 48)), text);
    }

    [Fact]
    public void Text_shows_the_master_key_with_IncludeSecret()
    {
        var text = (string)SessionFormatter.Format(TestSessions.Tls12(), SessionOutputFormat.Text, includeSecret: true);
        Assert.Contains(string.Concat(Enumerable.Repeat("AB", 48)), text);
    }

    [Fact]
    public void Base64_is_the_der_in_base64() =>
        Assert.Equal(Convert.ToBase64String(SslSessionCodec.Encode(TestSessions.Tls12())), SessionFormatter.Format(TestSessions.Tls12(), SessionOutputFormat.Base64, false));

    [Fact]
    public void A_key_log_file_has_one_line_per_session()
    {
        var file = Encoding.UTF8.GetString(File(SessionOutputFormat.KeyLog, TestSessions.Tls12(1), TestSessions.Tls12(2)));
        Assert.Equal(2, file.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.All(file.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("RSA Session-ID:", line));
    }

    [Fact]
    public void Der_as_a_value_is_a_byte_array() =>
        Assert.IsType<byte[]>(SessionFormatter.Format(TestSessions.Tls12(), SessionOutputFormat.Der, false));
}
