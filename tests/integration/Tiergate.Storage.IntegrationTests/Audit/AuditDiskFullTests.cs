using Tiergate.Core.Audit;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Audit;

/// <summary>The SQLite database on a small tmpfs, filled for real: appends fail closed, then recover by themselves.</summary>
public sealed class AuditDiskFullTests
{
    [SmallFilesystemFact]
    public async Task AppendAsync_DiskFull_RefusedThenRecoversWhenSpaceReturns()
    {
        using var disk = SmallFilesystem.TryMount("8m")!;
        var storage = new StorageOptions(Path.Combine(disk.Path, "data"));
        var database = TiergateDatabase.Open(storage);
        await database.MigrateAsync();
        using var key = AuditFixture.NewSigningKey();
        await using var log = new AuditLog(database, key, AuditFixture.NewClock());
        await AuditFixture.AppendSequentiallyAsync(log, 5);
        var filler = disk.Fill();

        // Large details make every commit need new pages; the disk has none left.
        var padding = new string('x', 4000);
        AuditUnavailableException? refused = null;
        for (var round = 0; round < 200 && refused is null; round++)
        {
            try
            {
                await Task.WhenAll(Enumerable.Range(0, 20).Select(i => log.AppendAsync(new AuditEvent("gateway.request", "key:K1", "variant:v", "ok",
                    new Dictionary<string, string> { ["pad"] = padding, ["n"] = $"{round}-{i}" })).AsTask()));
            }
            catch (AuditUnavailableException e)
            {
                refused = e;
            }
        }

        Assert.NotNull(refused);
        Assert.NotNull(log.UnavailableSince);
        Assert.True(log.RefusedAppends > 0);

        File.Delete(filler);
        var recovered = false;
        for (var attempt = 0; attempt < 50 && !recovered; attempt++)
        {
            try
            {
                await log.AppendAsync(AuditFixture.Event(1000 + attempt));
                recovered = true;
            }
            catch (AuditUnavailableException)
            {
                await Task.Delay(100);
            }
        }

        Assert.True(recovered, "the audit log did not recover after space returned");
        Assert.Null(log.UnavailableSince);
        var verification = await AuditDatabaseVerifier.VerifyAsync(database.CreateContext, key.VerificationKey);
        Assert.True(verification.Ok, verification.Problem);
    }
}
