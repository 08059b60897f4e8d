using PSSslSession.Codec;

namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>Our codec as one side of a decoder comparison.</summary>
public static class OurDecoder
{
    /// <summary>
    /// Decode options that mirror what <c>openssl sess_id -inform DER</c> does with OpenSSL 3.0.
    /// AllowTrailingData: d2i_SSL_SESSION consumes one TLV and sess_id ignores the rest; with our default
    /// (refuse trailing bytes) every corruption that shortens an inner length would differ for that one known
    /// reason and hide everything else. The default is pinned by its own test (DecoderEdgeCaseTests).
    /// AllowPeerRawPublicKey = false: 3.0 does not know [20] and rejects it (our default reads 3.2+ sessions).
    /// </summary>
    public static readonly SslSessionDecodeOptions AsOpenSsl30 = new() { AllowTrailingData = true, AllowPeerRawPublicKey = false };

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Decodes with <see cref="AsOpenSsl30"/> and re-encodes. A refusal must be a <see cref="SslSessionFormatException"/>:
    /// any other exception, or a decode that does not finish within 10 s, fails the calling test.
    /// </summary>
    public static DecodeVerdict Judge(byte[] input)
    {
        var decode = Task.Run(() =>
        {
            try
            {
                return new DecodeVerdict(true, "accepted", SslSessionCodec.Encode(SslSessionCodec.Decode(input, AsOpenSsl30)));
            }
            catch (SslSessionFormatException e)
            {
                return new DecodeVerdict(false, $"{e.Reason}: {e.Message}", null);
            }
        });
        if (!decode.Wait(Limit)) throw new TimeoutException($"Decode did not finish within {Limit.TotalSeconds} s for {Convert.ToHexString(input)}");
        if (decode.IsFaulted)
            throw new Xunit.Sdk.XunitException($"Decode threw {decode.Exception!.InnerException!.GetType().Name}, not SslSessionFormatException, " +
                                               $"for {Convert.ToHexString(input)}:\n{decode.Exception.InnerException}");
        return decode.Result;
    }
}
