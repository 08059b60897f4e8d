using System.Diagnostics;
using System.Net.Sockets;
using PSSslSession.Engine.IO;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>What a path names (lstat and stat), and how messages describe it: the guard in front of every session file.</summary>
public sealed class FileKindTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("filekind-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string In(string name) => Path.Combine(_dir, name);

    private string Fifo()
    {
        var path = In("pipe");
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", path) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    [Fact]
    public void A_missing_path_is_Missing_both_ways()
    {
        Assert.Equal(FileKind.Missing, FileKinds.Of(In("none")));
        Assert.Equal(FileKind.Missing, FileKinds.OfTarget(In("none")));
        Assert.Equal(FileKind.Missing, FileKinds.Of(In("none/below")));
    }

    [Fact]
    public void A_regular_file_is_Regular()
    {
        File.WriteAllText(In("f"), "x");
        Assert.Equal(FileKind.Regular, FileKinds.Of(In("f")));
        Assert.Equal(FileKind.Regular, FileKinds.OfTarget(In("f")));
    }

    [Fact]
    public void A_directory_is_Directory()
    {
        Assert.Equal(FileKind.Directory, FileKinds.Of(_dir));
        Assert.Equal(FileKind.Directory, FileKinds.OfTarget(_dir));
    }

    [Fact]
    public void A_link_is_a_SymbolicLink_itself_and_its_target_s_kind_when_followed()
    {
        File.WriteAllText(In("target"), "x");
        File.CreateSymbolicLink(In("link"), In("target"));
        Directory.CreateSymbolicLink(In("dirlink"), _dir);
        Assert.Equal(FileKind.SymbolicLink, FileKinds.Of(In("link")));
        Assert.Equal(FileKind.Regular, FileKinds.OfTarget(In("link")));
        Assert.Equal(FileKind.Directory, FileKinds.OfTarget(In("dirlink")));
    }

    [Fact]
    public void A_dangling_link_is_a_SymbolicLink_whose_target_is_Missing()
    {
        File.CreateSymbolicLink(In("dangling"), In("gone"));
        Assert.Equal(FileKind.SymbolicLink, FileKinds.Of(In("dangling")));
        Assert.Equal(FileKind.Missing, FileKinds.OfTarget(In("dangling")));
    }

    [Fact]
    public void A_named_pipe_is_Fifo()
    {
        var pipe = Fifo();
        Assert.Equal(FileKind.Fifo, FileKinds.Of(pipe));
        Assert.Equal(FileKind.Fifo, FileKinds.OfTarget(pipe));
    }

    [Fact]
    public void A_unix_socket_is_Socket()
    {
        var path = In("sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        Assert.Equal(FileKind.Socket, FileKinds.Of(path));
    }

    [Fact]
    public void The_null_device_is_a_CharacterDevice()
    {
        // Only looked at (lstat), never opened.
        Assert.Equal(FileKind.CharacterDevice, FileKinds.Of("/dev/null"));
        Assert.Equal(FileKind.CharacterDevice, FileKinds.OfTarget("/dev/null"));
    }

    [Fact]
    public void A_null_path_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => FileKinds.Of(null!));
        Assert.Throws<ArgumentNullException>(() => FileKinds.OfTarget(null!));
    }

    [Theory]
    [InlineData(FileKind.Missing, "missing")]
    [InlineData(FileKind.Regular, "a regular file")]
    [InlineData(FileKind.Directory, "a directory")]
    [InlineData(FileKind.SymbolicLink, "a symbolic link")]
    [InlineData(FileKind.Fifo, "a named pipe (FIFO)")]
    [InlineData(FileKind.CharacterDevice, "a character device")]
    [InlineData(FileKind.BlockDevice, "a block device")]
    [InlineData(FileKind.Socket, "a socket")]
    [InlineData(FileKind.Other, "not a regular file")]
    public void Each_kind_is_described_for_messages(FileKind kind, string text) => Assert.Equal(text, FileKinds.Describe(kind));

    [Fact]
    public void Not_a_regular_file_names_the_path_the_kind_and_the_advice()
    {
        var e = new NotARegularFileException("/x/p", FileKind.Fifo, "Give a file.");
        Assert.Equal("'/x/p' is a named pipe (FIFO), not a regular file. Give a file.", e.Message);
        Assert.Equal(("/x/p", FileKind.Fifo), (e.Path, e.Kind));
        Assert.Equal("'/x/p' is a socket, not a regular file.", new NotARegularFileException("/x/p", FileKind.Socket).Message);
    }

    [Fact]
    public void Writing_through_a_link_is_refused_and_the_target_is_untouched()
    {
        File.WriteAllText(In("target"), "keep");
        File.CreateSymbolicLink(In("link"), In("target"));
        var e = Assert.Throws<NotARegularFileException>(() => OwnerOnlyFile.WriteAllBytes(In("link"), new byte[] { 1 }, overwrite: true));
        Assert.Equal(FileKind.SymbolicLink, e.Kind);
        Assert.Contains("not written through links", e.Message);
        Assert.Equal("keep", File.ReadAllText(In("target")));
    }

    [Fact]
    public void Writing_onto_a_named_pipe_is_refused_without_opening_it()
    {
        var pipe = Fifo();
        var e = Assert.Throws<NotARegularFileException>(() => OwnerOnlyFile.WriteAllBytes(pipe, new byte[] { 1 }, overwrite: true));
        Assert.Equal(FileKind.Fifo, e.Kind);
        Assert.Contains("nothing was changed", e.Message);
        Assert.Equal(FileKind.Fifo, FileKinds.Of(pipe));
    }
}
