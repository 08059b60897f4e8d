namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>What a decoder made of one input.</summary>
/// <param name="Accepted">The input decoded.</param>
/// <param name="Detail">"accepted", or why it was refused (our reason and message, or openssl's first error line).</param>
/// <param name="Reencoded">When accepted: the session encoded again by the same implementation.</param>
public sealed record DecodeVerdict(bool Accepted, string Detail, byte[]? Reencoded)
{
    /// <summary>How <paramref name="theirs"/> differs from this verdict, or null when both decoders agree.</summary>
    public string? DisagreementWith(DecodeVerdict theirs) =>
        Accepted != theirs.Accepted ? (Accepted ? "we accept, openssl rejects" : "we reject, openssl accepts")
        : Accepted && !Reencoded.AsSpan().SequenceEqual(theirs.Reencoded) ? "both accept, but the re-encodings differ"
        : null;
}
