using PSSslSession.Codec;
using PSSslSession.Interop.Tests.Infrastructure;
using Xunit;

namespace PSSslSession.Interop.Tests;

/// <summary>
/// The names our text form takes from the codec's tables (cipher suites, verify results, protocol versions) are
/// the ones SSL_SESSION_print uses: one session per table entry, printed by both.
/// </summary>
public sealed class TextTableTests : IDisposable
{
    private readonly TempDirectory _directory = new("pss-tables");

    public void Dispose() => _directory.Dispose();

    private static SslSessionBuilder Base() => new()
    {
        Protocol = SslProtocol.TLSv12,
        Cipher = SslCipher.Parse("ECDHE-RSA-AES128-GCM-SHA256"),
        SessionId = new byte[] { 0x01, 0x02, 0x03, 0x04 },
        MasterKey = new byte[48],
        StartTimeUnixSeconds = 1700000000,
        TimeoutSeconds = 7200,
    };

    [Fact]
    public async Task Every_cipher_suite_in_our_table_prints_with_the_name_openssl_prints()
    {
        var sessions = CipherSuites.All.Select(cipher =>
        {
            var builder = Base();
            builder.Cipher = cipher;
            builder.Protocol = (cipher.Code >> 8) == 0x13 ? SslProtocol.TLSv13 : SslProtocol.TLSv12;
            return builder.Build();
        }).ToList();

        await AssertSamePrintAsync(sessions, s => s.Cipher);
    }

    [Fact]
    public async Task Every_verify_result_prints_with_the_text_openssl_prints()
    {
        var codes = Enumerable.Range(-2, 140).Select(c => (long)c).Concat(new long[] { 1000, int.MaxValue, int.MinValue });
        var sessions = codes.Select(code =>
        {
            var builder = Base();
            builder.VerifyResult = code;
            return builder.Build();
        }).ToList();

        await AssertSamePrintAsync(sessions, s => s.VerifyResult.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Every_kind_of_protocol_version_the_format_allows_prints_with_the_name_openssl_prints()
    {
        int[] versions = { 0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0x03FF, 0xFEFF, 0xFEFD, 0xFE00, 0xFEFC, 0x0100 };
        var sessions = versions.Select(version =>
        {
            var builder = Base();
            builder.Protocol = new SslProtocol(version);
            return builder.Build();
        }).ToList();

        await AssertSamePrintAsync(sessions, s => $"0x{s.ProtocolVersion:X4}");
    }

    private async Task AssertSamePrintAsync(IReadOnlyList<SslSession> sessions, Func<SslSession, string> label)
    {
        var printed = await SessIdText.PrintAllAsync(sessions, _directory.Path);

        var failures = sessions.Select((s, i) => (Session: s, Theirs: printed[i], Ours: SslSessionText.Format(s, includeSecret: true)))
            .Where(x => x.Ours != x.Theirs)
            .Select(x => $"{label(x.Session)}:\n--- openssl ---\n{x.Theirs}--- ours ---\n{x.Ours}")
            .ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {sessions.Count} sessions print differently:\n\n" + string.Join("\n\n", failures.Take(5)));
    }
}
