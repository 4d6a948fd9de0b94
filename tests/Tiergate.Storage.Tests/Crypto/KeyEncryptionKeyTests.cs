using System.Security.Cryptography;
using Tiergate.Storage.Crypto;

namespace Tiergate.Storage.Tests.Crypto;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyEncryptionKeyTests
{
    [Fact]
    public void Load_EnvironmentVariable_WinsOverFiles()
    {
        var storage = NewStorage();
        var bytes = RandomNumberGenerator.GetBytes(KeyEncryptionKey.Length);

        var kek = KeyEncryptionKey.Load(storage, "/nonexistent", n => n == KeyEncryptionKey.EnvironmentVariable ? Convert.ToBase64String(bytes) : null);

        Assert.Equal(new KeyEncryptionKey(bytes).Id, kek.Id);
        Assert.False(File.Exists(KeyEncryptionKey.DefaultPath(storage)));
    }

    [Fact]
    public void Load_NothingConfigured_CreatesOwnerOnlyFileInDataDirectory()
    {
        var storage = NewStorage();

        var first = KeyEncryptionKey.Load(storage, null, _ => null);
        var second = KeyEncryptionKey.Load(storage, null, _ => null);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyEncryptionKey.DefaultPath(storage)));
        Directory.Delete(storage.DataDirectory, recursive: true);
    }

    [Fact]
    public async Task Load_ManyProcessesCreateAtOnce_AllGetTheSameKey()
    {
        var storage = NewStorage();

        var ids = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => KeyEncryptionKey.Load(storage, null, _ => null).Id)));

        Assert.Single(ids.Distinct());
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(KeyEncryptionKey.DefaultPath(storage))!));
        Directory.Delete(storage.DataDirectory, recursive: true);
    }

    [Fact]
    public void Load_MissingKekFile_ThrowsSetupException()
    {
        Assert.Throws<CryptographicSetupException>(() => KeyEncryptionKey.Load(NewStorage(), "/nonexistent/kek", _ => null));
    }

    [Fact]
    public void Load_WrongLength_ThrowsSetupException()
    {
        Assert.Throws<CryptographicSetupException>(() =>
            KeyEncryptionKey.Load(NewStorage(), null, _ => Convert.ToBase64String(new byte[16])));
    }

    private static StorageOptions NewStorage() =>
        new(Path.Combine(Path.GetTempPath(), "tiergate-tests", Guid.NewGuid().ToString("N")));
}
