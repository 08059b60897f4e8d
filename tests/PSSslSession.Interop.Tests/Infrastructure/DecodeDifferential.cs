using System.Text;
using Xunit.Abstractions;

namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>
/// One run of the decoder comparison: every corruption judged by <c>openssl sess_id</c> (d2i_SSL_SESSION, i2d_SSL_SESSION)
/// and by our codec (<see cref="OurDecoder"/>); both must accept the same inputs and re-encode them to the same bytes,
/// except where a <see cref="KnownDifferences">deliberate difference</see> applies. For the committed samples the expected
/// verdicts are also checked against (or, when recording, written to) <see cref="RecordedVerdicts"/>.
/// </summary>
public static class DecodeDifferential
{
    public sealed record KnownDifference(string Name, string Reason, Func<Mutation, DecodeVerdict, DecodeVerdict, bool> Applies);

    /// <summary>
    /// Deliberate disagreements with OpenSSL 3.0's decoder: which corruptions each covers (given the corruption,
    /// our verdict and openssl's) and why we differ.
    /// </summary>
    public static readonly KnownDifference[] KnownDifferences =
    {
        new("indefinite lengths",
            "OpenSSL's template decoder is BER-tolerant and takes an indefinite length (0x80) closed by end-of-contents. " +
            "Our codec refuses it as Malformed: i2d_SSL_SESSION never writes one, and such input could not come back " +
            "byte-identical (SPEC §4; documented on SslSessionCodec).",
            (m, ours, theirs) => !ours.Accepted && theirs.Accepted && m.Class == DerMutations.LengthIndefinite),
        new("low tag numbers in the high-tag-number form",
            "OpenSSL's ASN1_get_object reads a tag number below 31 written in the long form (1F 10 for SEQUENCE) as that tag. " +
            "DER requires the short form, i2d never writes the long one, and the certificate's outer elements could not come " +
            "back byte-identical; our codec refuses it as a malformed certificate (BadPeerCertificate).",
            (m, ours, theirs) => !ours.Accepted && theirs.Accepted && m.Class == CertificateMutations.LowTagInHighForm),
        new("constructed tag 0 as a parameter",
            "OpenSSL reads a constructed element with tag number 0 (20 00) as an algorithm parameter and writes it back as " +
            "00 00, end-of-contents, which its own decoder then refuses (unexpected eoc). Our codec refuses it, so that every " +
            "session it decodes re-encodes to bytes that decode again.",
            (m, ours, theirs) => !ours.Accepted && theirs.Accepted && m.Class == CertificateMutations.ConstructedEndOfContents),
    };

    /// <summary>
    /// Judges <paramref name="mutations"/> on both sides and returns the failures (empty when all agree). <paramref name="recordedSet"/>
    /// names the set in <see cref="RecordedVerdicts"/>, or is null for inputs that are not recorded.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RunAsync(string input, byte[] der, IReadOnlyList<Mutation> mutations, string folder,
                                                            ITestOutputHelper output, string? recordedSet)
    {
        var theirs = await OpenSslDecoder.JudgeAllAsync(mutations.Select(m => m.Bytes).ToList(), folder);
        var failures = new List<string>();
        var known = new List<(string Name, Mutation Mutation)>();
        var expected = new List<string>();
        int bothAccept = 0;
        for (int i = 0; i < mutations.Count; i++)
        {
            var ours = OurDecoder.Judge(mutations[i].Bytes);
            if (ours.Accepted && theirs[i].Accepted) bothAccept++;
            var disagreement = ours.DisagreementWith(theirs[i]);
            var difference = disagreement == null ? null : KnownDifferences.FirstOrDefault(k => k.Applies(mutations[i], ours, theirs[i]));
            expected.Add(RecordedVerdicts.Expected(ours, theirs[i], difference?.Name));
            if (disagreement == null) continue;
            if (difference != null) known.Add((difference.Name, mutations[i]));
            else failures.Add(Report(mutations[i], disagreement, ours, theirs[i]));
        }

        output.WriteLine($"{input}: {mutations.Count} corruptions of {der.Length} bytes; both accept {bothAccept}; " +
                         $"known differences {known.Count}; unexplained {failures.Count}.");
        foreach (var group in mutations.GroupBy(m => m.Class)) output.WriteLine($"  {group.Key}: {group.Count()}");
        foreach (var (name, mutation) in known) output.WriteLine($"  known difference ({name}): {mutation}");
        if (recordedSet != null && failures.Count == 0)
            failures.AddRange(RecordedVerdicts.Compare(recordedSet, mutations, expected)
                .Select(d => $"openssl's verdicts differ from those recorded for the Codec tests (re-record if openssl changed): {d}"));
        return failures;
    }

    private static string Report(Mutation mutation, string disagreement, DecodeVerdict ours, DecodeVerdict theirs)
    {
        var text = new StringBuilder();
        text.Append($"{disagreement}: {mutation}\n");
        text.Append($"  ours:    {ours.Detail}\n");
        text.Append($"  openssl: {theirs.Detail}\n");
        if (ours.Reencoded != null && theirs.Reencoded != null)
        {
            text.Append($"  ours re-encoded:    {Convert.ToHexString(ours.Reencoded)}\n");
            text.Append($"  openssl re-encoded: {Convert.ToHexString(theirs.Reencoded)}\n");
        }
        text.Append($"  input: {Convert.ToHexString(mutation.Bytes)}");
        return text.ToString();
    }
}
