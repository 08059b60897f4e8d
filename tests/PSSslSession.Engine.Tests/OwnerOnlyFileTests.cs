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
}
