using System.Text;
using Xunit;

namespace PSSslSession.Commands.Tests;

public sealed class BoundedLineReaderTests
{
    private static List<string> ReadAll(string text, int max = 100)
    {
        var reader = new BoundedLineReader(new StringReader(text), max, () => false);
        var lines = new List<string>();
        var line = new StringBuilder();
        while (reader.TryReadLine(line, out _)) lines.Add(line.ToString());
        return lines;
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("a", new[] { "a" })]
    [InlineData("a\n", new[] { "a" })]
    [InlineData("a\r\nb\rc\n\nd", new[] { "a", "b", "c", "", "d" })]
    [InlineData("\n", new[] { "" })]
    public void Splits_lines_as_TextReader_ReadLine_does(string text, string[] expected)
    {
        Assert.Equal(expected, ReadAll(text));
        var viaReadLine = new List<string>();
        using var reader = new StringReader(text);
        for (var l = reader.ReadLine(); l != null; l = reader.ReadLine()) viaReadLine.Add(l);
        Assert.Equal(viaReadLine, ReadAll(text));
    }

    [Fact]
    public void A_CRLF_split_across_buffer_refills_ends_one_line()
    {
        var text = new string('x', 65535) + "\r\nnext";
        Assert.Equal(new[] { new string('x', 65535), "next" }, ReadAll(text, 100_000));
    }

    [Fact]
    public void An_overlong_line_keeps_only_its_start_and_says_so_and_the_next_line_reads_whole()
    {
        var reader = new BoundedLineReader(new StringReader(new string('z', 200_000) + "\nshort"), 10, () => false);
        var line = new StringBuilder();
        Assert.True(reader.TryReadLine(line, out bool overlong));
        Assert.True(overlong);
        Assert.Equal("zzzzzzzzzz", line.ToString());
        Assert.True(reader.TryReadLine(line, out overlong));
        Assert.False(overlong);
        Assert.Equal("short", line.ToString());
    }

    [Fact]
    public void Stopping_ends_even_the_skipping_of_an_endless_line()
    {
        int refills = 0;
        var reader = new BoundedLineReader(new EndlessReader(), 10, () => ++refills > 3);
        Assert.False(reader.TryReadLine(new StringBuilder(), out _));
        Assert.True(reader.Stopped);
    }

    /// <summary>Like /dev/zero as text: never ends, never breaks a line.</summary>
    private sealed class EndlessReader : TextReader
    {
        public override int Read(char[] buffer, int index, int count)
        {
            Array.Fill(buffer, 'z', index, count);
            return count;
        }
    }
}
