namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>One corrupted variant of a real session's DER.</summary>
/// <param name="Class">The kind of corruption (see <see cref="DerMutations"/>): truncate, bit-flip, length+1, ….</param>
/// <param name="Description">What exactly was done, for failure messages.</param>
/// <param name="Offset">Where in the original encoding the change was made.</param>
/// <param name="Field">The session field (top-level element) that offset falls in, e.g. "[3] peer".</param>
/// <param name="Bytes">The mutated encoding.</param>
public sealed record Mutation(string Class, string Description, int Offset, string Field, byte[] Bytes)
{
    public override string ToString() => $"{Class} at {Offset} ({Field}): {Description}";
}
