using PSSslSession.Codec;

namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>What a decoder made of one input.</summary>
/// <param name="Accepted">The input decoded.</param>
/// <param name="Detail">"accepted", or why it was refused (our reason and message, or openssl's first error line).</param>
/// <param name="Reencoded">When accepted: the session encoded again by the same implementation.</param>
/// <param name="Session">Our decoded session (our side only), or null.</param>
public sealed record DecodeVerdict(bool Accepted, string Detail, byte[]? Reencoded, SslSession? Session = null)
{
    /// <summary>Our side: the input had no start time (or 0), so the decoder filled in <see cref="OurDecoder.NowMarker"/>.</summary>
    public bool StartTimeDefaulted => Session?.StartTimeUnixSeconds == OurDecoder.NowMarker;

    /// <summary>How <paramref name="theirs"/> differs from this verdict, or null when both decoders agree.</summary>
    public string? DisagreementWith(DecodeVerdict theirs)
    {
        if (Accepted != theirs.Accepted) return Accepted ? "we accept, openssl rejects" : "we reject, openssl accepts";
        if (!Accepted) return null;
        var ours = Reencoded;
        if (StartTimeDefaulted)
        {
            // Both fill a missing start time with "now"; openssl's now is a moment later than ours, so take its value
            // (after checking it is now) before comparing the rest byte for byte.
            long theirTime = SslSessionCodec.Decode(theirs.Reencoded).StartTimeUnixSeconds;
            if (!OurDecoder.IsNow(theirTime)) return $"both accept without a start time, but openssl's start time {theirTime} is not now";
            Session!.SetTimes(theirTime, null);
            ours = SslSessionCodec.Encode(Session);
        }
        return ours.AsSpan().SequenceEqual(theirs.Reencoded) ? null : "both accept, but the re-encodings differ";
    }
}
