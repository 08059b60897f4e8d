using PSSslSession.Engine.IO;
using Xunit;

namespace PSSslSession.Commands.Tests;

public sealed class SessionFileWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pss-writer-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void A_new_file_gets_the_content()
    {
        var path = Path.Combine(_dir, "s.pem");
        SessionFileWriter.Write(path, new byte[] { 1, 2, 3 }, ExistingFileMode.Refuse);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_new_file_is_owner_only_on_unix()
    {
        Assert.True(OwnerOnlyFile.IsUnix, "POSIX permissions are what this test is about; the test machines are Linux.");
        var path = Path.Combine(_dir, "s.pem");
        SessionFileWriter.Write(path, new byte[] { 1 }, ExistingFileMode.Refuse);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void An_existing_file_is_refused_with_FileExists_and_kept()
    {
        var path = Path.Combine(_dir, "s.pem");
        File.WriteAllText(path, "old");
        var e = Assert.Throws<SessionExportException>(() => SessionFileWriter.Write(path, new byte[] { 1 }, ExistingFileMode.Refuse));
        Assert.Equal(SessionExportError.FileExists, e.Reason);
        Assert.Equal("old", File.ReadAllText(path));
    }

    [Fact]
    public void Replace_overwrites_an_existing_file()
    {
        var path = Path.Combine(_dir, "s.pem");
        File.WriteAllText(path, "old");
        SessionFileWriter.Write(path, new byte[] { 0x41 }, ExistingFileMode.Replace);
        Assert.Equal("A", File.ReadAllText(path));
    }

    [Fact]
    public void No_temporary_file_is_left_behind()
    {
        var path = Path.Combine(_dir, "s.pem");
        SessionFileWriter.Write(path, new byte[] { 1 }, ExistingFileMode.Refuse);
        Assert.Equal(new[] { path }, Directory.GetFiles(_dir));
    }

    [Fact]
    public void A_directory_path_is_refused() =>
        Assert.Equal(FileKind.Directory, Assert.Throws<NotARegularFileException>(() => SessionFileWriter.Write(_dir, new byte[] { 1 }, ExistingFileMode.Replace)).Kind);

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, true)]
    [InlineData(false, true, false)]
    [InlineData(true, true, false)]
    public void Force_replaces_unless_NoClobber(bool force, bool noClobber, bool replaces) =>
        Assert.Equal(replaces ? ExistingFileMode.Replace : ExistingFileMode.Refuse, SessionFileWriter.ModeFor(force, noClobber));
}
