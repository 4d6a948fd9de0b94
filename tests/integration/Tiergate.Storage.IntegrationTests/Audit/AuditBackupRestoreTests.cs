using Tiergate.Storage.Audit;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Audit;

/// <summary>The backup and restore of README's operations section: an online copy of the database plus the secrets directory.</summary>
public sealed class AuditBackupRestoreTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Restore_OnlineSqliteBackupAndSecrets_ChainVerifiesAndContinues()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var signer = AuditSigningKey.LoadOrCreate(store.Options);
        var clock = AuditFixture.NewClock();
        await using var log = new AuditLog(store.Database, signer, clock);
        await AuditFixture.AppendSequentiallyAsync(log, 12);
        var backup = Path.Combine(store.Options.DataDirectory, "backup");
        Directory.CreateDirectory(backup);

        // Online, while the log stays open: VACUUM INTO writes one consistent copy (as sqlite3's .backup does).
        await store.ExecuteAsync($"VACUUM INTO '{Path.Combine(backup, "tiergate.db")}'");
        CopySecrets(store.Options.DataDirectory, backup);
        await log.AppendAsync(AuditFixture.Event(13)); // written after the backup: lost with the original

        var restored = new StorageOptions(Path.Combine(store.Options.DataDirectory, "restored"));
        Directory.CreateDirectory(restored.DataDirectory);
        File.Copy(Path.Combine(backup, "tiergate.db"), restored.SqlitePath);
        CopySecrets(backup, restored.DataDirectory);
        var database = await TiergateDatabase.OpenExistingAsync(restored);
        await database.MigrateAsync();
        using var restoredSigner = AuditSigningKey.TryLoad(restored, _ => null);

        Assert.NotNull(restoredSigner);
        Assert.Equal(signer.KeyId, restoredSigner.KeyId);
        var verification = await AuditDatabaseVerifier.VerifyAsync(database.CreateContext, restoredSigner.VerificationKey);
        Assert.True(verification.Ok, verification.Problem);
        Assert.Equal(12, verification.LastSequence);
        await using (var continued = new AuditLog(database, restoredSigner, clock))
        {
            await continued.AppendAsync(AuditFixture.Event(14));
        }

        var after = await AuditDatabaseVerifier.VerifyAsync(database.CreateContext, restoredSigner.VerificationKey);
        Assert.True(after.Ok, after.Problem);
        Assert.Equal(13, after.LastSequence);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CopySecrets(string from, string to)
    {
        var target = Directory.CreateDirectory(Path.Combine(to, "secrets"));
        File.SetUnixFileMode(target.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var file in Directory.GetFiles(Path.Combine(from, "secrets")))
        {
            var copy = Path.Combine(target.FullName, Path.GetFileName(file));
            File.Copy(file, copy);
            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
