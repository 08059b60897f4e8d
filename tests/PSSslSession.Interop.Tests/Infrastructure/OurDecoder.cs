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
    /// Now = <see cref="NowMarker"/>: a session without a start time gets this marker instead of the clock, so that
    /// the comparison can tell and use openssl's own "now" (a moment later than ours) for that field.
    /// </summary>
    public static readonly SslSessionDecodeOptions AsOpenSsl30 = new()
    {
        AllowTrailingData = true,
        AllowPeerRawPublicKey = false,
        Now = DateTimeOffset.FromUnixTimeSeconds(NowMarker),
    };

    /// <summary>The start time <see cref="AsOpenSsl30"/> gives a session whose encoding has none (or 0).</summary>
    public const long NowMarker = 1234567;

    /// <summary>True when <paramref name="unixSeconds"/> is the current time, give or take ten minutes.</summary>
    public static bool IsNow(long unixSeconds) => Math.Abs(unixSeconds - DateTimeOffset.UtcNow.ToUnixTimeSeconds()) <= 600;

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
                var session = SslSessionCodec.Decode(input, AsOpenSsl30);
                return new DecodeVerdict(true, "accepted", SslSessionCodec.Encode(session), session);
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
