using System.Text;
using PSSslSession.Codec;
using PSSslSession.Engine.IO;
using Xunit;

namespace PSSslSession.Commands.Tests;

public sealed class SessionFileReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pss-reader-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static List<KeyValuePair<SslSession?, Exception?>> Read(string path, Func<bool>? stopping = null, long max = 1L << 30) =>
        new SessionFileReader(SslSessionDecodeOptions.Default, max).Read(path, stopping ?? (() => false)).ToList();

    [Fact]
    public void Reads_every_block_of_a_bundle_in_order_with_text_between_them()
    {
        var a = TestSessions.Tls12(1);
        var b = TestSessions.Tls12(2);
        var path = WriteFile("two.pem", "header text\n" + SslSessionPem.Write(a) + "between\n" + SslSessionPem.Write(b) + "trailer\n");
        var read = Read(path);
        Assert.Equal(new[] { a.SessionId, b.SessionId }, read.Select(r => r.Key!.SessionId));
    }

    [Fact]
    public void Names_a_bad_block_by_its_BEGIN_line_and_reads_the_blocks_after_it()
    {
        var good = TestSessions.Tls12(3);
        var path = WriteFile("mixed.pem", "prose\n-----BEGIN SSL SESSION PARAMETERS-----\n!!!\n-----END SSL SESSION PARAMETERS-----\n" + SslSessionPem.Write(good));
        var read = Read(path);
        Assert.Equal(2, read.Count);
        Assert.Contains("the block from line 2", read[0].Value!.Message);
        Assert.Equal(good.SessionId, read[1].Key!.SessionId);
    }

    [Fact]
    public void Reads_a_file_of_base64_without_PEM_lines()
    {
        var s = TestSessions.Tls12(4);
        var path = WriteFile("one.b64", Convert.ToBase64String(SslSessionCodec.Encode(s)) + "\n");
        Assert.Equal(s.SessionId, Assert.Single(Read(path)).Key!.SessionId);
    }

    [Fact]
    public void A_block_over_the_limit_is_one_error_and_the_next_block_still_reads()
    {
        var good = TestSessions.Tls12(5);
        var body = string.Concat(Enumerable.Repeat(new string('A', 64) + "\n", SessionFileReader.MaxBlockChars / 65 + 10));
        var path = WriteFile("huge.pem", "-----BEGIN SSL SESSION PARAMETERS-----\n" + body + "-----END SSL SESSION PARAMETERS-----\n" + SslSessionPem.Write(good));
        var read = Read(path);
        Assert.Equal(2, read.Count);
        var e = Assert.IsType<SslSessionFormatException>(read[0].Value);
        Assert.Equal(SslSessionFormatError.BadPem, e.Reason);
        Assert.Contains("the block from line 1", e.Message);
        Assert.Equal(good.SessionId, read[1].Key!.SessionId);
    }

    [Fact]
    public void A_large_file_of_zeros_is_one_NoPemBlock_error_without_holding_the_file_in_memory()
    {
        var path = Path.Combine(_dir, "zeros.bin");
        using (var f = File.Create(path)) f.SetLength(64L * 1024 * 1024); // 64 MiB of NUL, one "line"
        long before = GC.GetAllocatedBytesForCurrentThread();
        var read = Read(path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var e = Assert.IsType<SslSessionFormatException>(Assert.Single(read).Value);
        Assert.Equal(SslSessionFormatError.NoPemBlock, e.Reason);
        // Reading it whole as a string would allocate at least 128 MiB (UTF-16); bounded, it keeps 16 Mi characters.
        Assert.True(allocated < 100L * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Stops_between_blocks_when_asked()
    {
        var text = new StringBuilder();
        for (byte i = 1; i <= 10; i++) text.Append(SslSessionPem.Write(TestSessions.Tls12(i)));
        var path = WriteFile("ten.pem", text.ToString());
        int asked = 0;
        var read = Read(path, () => ++asked >= 3);
        Assert.InRange(read.Count, 1, 3);
    }

    [Fact]
    public void Refuses_a_named_pipe_before_opening_it()
    {
        if (!OwnerOnlyFile.IsUnix) return;
        var path = Path.Combine(_dir, "pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", path)!) mkfifo.WaitForExit();
        var e = Assert.Throws<NotARegularFileException>(() => Read(path));
        Assert.Equal(FileKind.Fifo, e.Kind);
    }

    [Fact]
    public void Refuses_a_file_over_the_size_limit_before_reading_it()
    {
        var path = WriteFile("big.pem", new string('x', 1000));
        var e = Assert.Throws<FileTooLargeException>(() => Read(path, max: 999));
        Assert.Contains("big.pem", e.Message);
    }
}
