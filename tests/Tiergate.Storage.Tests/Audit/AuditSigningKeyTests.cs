using Tiergate.Storage.Audit;
using Tiergate.Storage.Crypto;

namespace Tiergate.Storage.Tests.Audit;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AuditSigningKeyTests
{
    [Fact]
    public void LoadOrCreate_NoKey_CreatesOwnerOnlyFileAndSameKeyNextTime()
    {
        var storage = new StorageOptions(Path.Combine(Path.GetTempPath(), "tiergate-tests", Guid.NewGuid().ToString("N")));
        using var first = AuditSigningKey.LoadOrCreate(storage, _ => null);
        using var second = AuditSigningKey.LoadOrCreate(storage, _ => null);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(AuditSigningKey.KeyPath(storage)));
        Assert.Equal(first.KeyId, second.KeyId);
        Assert.Equal(first.KeyId, AuditVerificationKey.FromFile(AuditSigningKey.PublicKeyPath(storage)).KeyId);
        Directory.Delete(storage.DataDirectory, recursive: true);
    }

    [Fact]
    public void LoadOrCreate_KeyFileReadableByOthers_Refuses()
    {
        var storage = new StorageOptions(Path.Combine(Path.GetTempPath(), "tiergate-tests", Guid.NewGuid().ToString("N")));
        AuditSigningKey.LoadOrCreate(storage, _ => null).Dispose();
        File.SetUnixFileMode(AuditSigningKey.KeyPath(storage), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        Assert.Throws<CryptographicSetupException>(() => AuditSigningKey.LoadOrCreate(storage, _ => null));
        Directory.Delete(storage.DataDirectory, recursive: true);
    }

    [Fact]
    public void LoadOrCreate_EnvironmentVariableSet_UsesItInsteadOfFile()
    {
        var storage = new StorageOptions(Path.Combine(Path.GetTempPath(), "tiergate-tests", Guid.NewGuid().ToString("N")));
        var seed = new byte[AuditSigningKey.SeedLength];
        seed[0] = 7;
        using var expected = AuditSigningKey.FromSeed(seed);

        using var key = AuditSigningKey.LoadOrCreate(storage, name => name == AuditSigningKey.EnvironmentVariable ? Convert.ToBase64String(seed) : null);

        Assert.Equal(expected.KeyId, key.KeyId);
        Assert.False(File.Exists(AuditSigningKey.KeyPath(storage)));
        Directory.Delete(storage.DataDirectory, recursive: true);
    }
}
