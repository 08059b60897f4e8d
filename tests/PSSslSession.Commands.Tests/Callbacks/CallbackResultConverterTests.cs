using System.Text;
using PSSslSession.Codec;
using Xunit;

namespace PSSslSession.Commands.Tests;

public class CallbackResultConverterTests
{
    [Fact]
    public void No_output_is_a_miss() =>
        Assert.Null(CallbackResultConverter.ToSession(Array.Empty<object>()));

    [Fact]
    public void A_session_is_returned_as_is()
    {
        var session = TestSessions.Tls12();
        Assert.Same(session, CallbackResultConverter.ToSession(new object[] { session }));
    }

    [Fact]
    public void A_byte_array_is_decoded_as_DER() =>
        Assert.Equal(TestSessions.Tls12().SessionId, CallbackResultConverter.ToSession(new object[] { SslSessionCodec.Encode(TestSessions.Tls12()) })!.SessionId);

    [Fact]
    public void Bytes_streamed_one_per_object_are_decoded_as_DER() =>
        Assert.Equal(TestSessions.Tls12().SessionId, CallbackResultConverter.ToSession(SslSessionCodec.Encode(TestSessions.Tls12()).Cast<object>().ToList())!.SessionId);

    [Fact]
    public void Pem_text_is_decoded() =>
        Assert.Equal(TestSessions.Tls12().SessionId, CallbackResultConverter.ToSession(new object[] { SslSessionPem.Write(TestSessions.Tls12()) })!.SessionId);

    [Fact]
    public void Pem_lines_are_decoded_together()
    {
        var lines = SslSessionPem.Write(TestSessions.Tls12()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(TestSessions.Tls12().SessionId, CallbackResultConverter.ToSession(lines)!.SessionId);
    }

    [Fact]
    public void Base64_text_is_decoded() =>
        Assert.Equal(TestSessions.Tls12().SessionId, CallbackResultConverter.ToSession(new object[] { Convert.ToBase64String(SslSessionCodec.Encode(TestSessions.Tls12())) })!.SessionId);

    [Fact]
    public void Two_sessions_are_refused() =>
        Assert.Throws<CallbackResultException>(() => CallbackResultConverter.ToSession(new object[] { TestSessions.Tls12(1), TestSessions.Tls12(2) }));

    [Fact]
    public void A_pem_bundle_of_two_is_refused() =>
        Assert.Throws<CallbackResultException>(() => CallbackResultConverter.ToSession(new object[] { SslSessionPem.Write(new[] { TestSessions.Tls12(1), TestSessions.Tls12(2) }) }));

    [Fact]
    public void Another_type_is_refused() =>
        Assert.Throws<CallbackResultException>(() => CallbackResultConverter.ToSession(new object[] { 42 }));

    [Fact]
    public void Undecodable_text_is_refused_naming_the_codec_reason()
    {
        var e = Assert.Throws<CallbackResultException>(() => CallbackResultConverter.ToSession(new object[] { "not a session!" }));
        Assert.IsType<SslSessionFormatException>(e.InnerException);
    }
}
