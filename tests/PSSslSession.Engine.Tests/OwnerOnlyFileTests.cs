using PSSslSession.Engine.IO;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>Owner-only files are created 0600, not chmod'ed after creation (issue 14: a reader that opens in between keeps access).</summary>
public sealed class OwnerOnlyFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("owneronly-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_new_owner_only_file_is_0600_before_anything_is_written_or_closed()
    {
        Assert.True(OwnerOnlyFile.IsUnix, "POSIX permissions are what this test is about; the CI machine is Linux.");
        var path = Path.Combine(_dir, "secret.pem");
        using var stream = OwnerOnlyFile.CreateNew(path, FileShare.None);
        Assert.Equal(0x180, OwnerOnlyFile.GetUnixMode(path));
    }

    [Fact]
    public void EnsureExists_creates_an_empty_0600_file()
    {
        var path = Path.Combine(_dir, "store.db");
        OwnerOnlyFile.EnsureExists(path);
        Assert.Equal(0x180, OwnerOnlyFile.GetUnixMode(path));
        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Fact]
    public void CreateNew_refuses_an_existing_file_and_leaves_it()
    {
        var path = Path.Combine(_dir, "there.pem");
        File.WriteAllText(path, "keep");
        Assert.Throws<IOException>(() => OwnerOnlyFile.CreateNew(path, FileShare.None).Dispose());
        Assert.Equal("keep", File.ReadAllText(path));
    }

    [Fact]
    public void WriteAllBytes_leaves_a_0600_file_with_the_content()
    {
        var path = Path.Combine(_dir, "out.pem");
        OwnerOnlyFile.WriteAllBytes(path, new byte[] { 1, 2, 3 }, overwrite: false);
        Assert.Equal(0x180, OwnerOnlyFile.GetUnixMode(path));
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void WriteAllBytes_without_overwrite_refuses_an_existing_file_and_leaves_it()
    {
        var path = Path.Combine(_dir, "there.pem");
        File.WriteAllText(path, "keep");
        var e = Assert.Throws<IOException>(() => OwnerOnlyFile.WriteAllBytes(path, new byte[] { 1 }, overwrite: false));
        Assert.Contains("already exists", e.Message);
        Assert.Equal("keep", File.ReadAllText(path));
    }

    [Fact]
    public void WriteAllBytes_with_overwrite_replaces_the_content_and_makes_the_file_0600()
    {
        var path = Path.Combine(_dir, "old.pem");
        File.WriteAllText(path, "old content that is longer");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        OwnerOnlyFile.WriteAllBytes(path, new byte[] { 7 }, overwrite: true);
        Assert.Equal(new byte[] { 7 }, File.ReadAllBytes(path));
        Assert.Equal(0x180, OwnerOnlyFile.GetUnixMode(path));
    }

    [Fact]
    public void WriteAllBytes_leaves_no_temporary_file_behind_when_it_succeeds_or_fails()
    {
        var path = Path.Combine(_dir, "out.pem");
        OwnerOnlyFile.WriteAllBytes(path, new byte[] { 1 }, overwrite: false);
        Assert.Throws<IOException>(() => OwnerOnlyFile.WriteAllBytes(path, new byte[] { 2 }, overwrite: false));
        Assert.Equal(new[] { "out.pem" }, Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteAllBytes_into_a_missing_folder_names_the_folder()
    {
        var path = Path.Combine(_dir, "missing", "out.pem");
        var e = Assert.Throws<DirectoryNotFoundException>(() => OwnerOnlyFile.WriteAllBytes(path, new byte[] { 1 }, overwrite: false));
        Assert.Equal($"Could not write '{path}': its folder '{Path.GetDirectoryName(path)}' does not exist.", e.Message);
    }

    [Fact]
    public void WriteAllBytes_into_a_folder_without_write_access_names_the_file_not_the_temporary_one()
    {
        // Root ignores permission bits, so the denial comes from a file in the way of the folder instead.
        var blocked = Path.Combine(_dir, "file-not-folder");
        File.WriteAllText(blocked, "x");
        var path = Path.Combine(blocked, "out.pem");
        var e = Assert.ThrowsAny<IOException>(() => OwnerOnlyFile.WriteAllBytes(path, new byte[] { 1 }, overwrite: false));
        Assert.Contains($"'{path}'", e.Message);
        Assert.DoesNotContain(".tmp", e.Message);
    }

    [Fact]
    public void EnsureExists_leaves_an_existing_file_s_content_and_mode()
    {
        var path = Path.Combine(_dir, "store.db");
        File.WriteAllText(path, "data");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        OwnerOnlyFile.EnsureExists(path);
        Assert.Equal("data", File.ReadAllText(path));
        Assert.Equal(0x1A0, OwnerOnlyFile.GetUnixMode(path));
    }

    [Fact]
    public void EnsureExists_refuses_a_directory()
    {
        var e = Assert.Throws<NotARegularFileException>(() => OwnerOnlyFile.EnsureExists(_dir));
        Assert.Equal(FileKind.Directory, e.Kind);
    }

    [Fact]
    public void Restrict_sets_0600_and_a_missing_file_is_an_error_with_errno()
    {
        var path = Path.Combine(_dir, "open.pem");
        File.WriteAllText(path, "x");
        File.SetUnixFileMode(path, (UnixFileMode)0x1FF);
        OwnerOnlyFile.Restrict(path);
        Assert.Equal(0x180, OwnerOnlyFile.GetUnixMode(path));
        var e = Assert.Throws<IOException>(() => OwnerOnlyFile.Restrict(Path.Combine(_dir, "none")));
        Assert.Contains("errno 2", e.Message);
    }

    [Fact]
    public void CheckTarget_says_Missing_for_a_new_path_and_Regular_for_a_file()
    {
        var path = Path.Combine(_dir, "p");
        Assert.Equal(FileKind.Missing, OwnerOnlyFile.CheckTarget(path));
        File.WriteAllText(path, "");
        Assert.Equal(FileKind.Regular, OwnerOnlyFile.CheckTarget(path));
    }
}
