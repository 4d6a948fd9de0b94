using Microsoft.EntityFrameworkCore;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Audit;

public sealed class AuditLogTests
{
    public static TheoryData<string> Providers => new() { TestStore.Sqlite, TestStore.Postgres };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AppendAsync_ManyConcurrentCallers_GroupsIntoBatchesAndChainVerifies(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        using var key = AuditFixture.NewSigningKey();
        const int Count = 3000;
        await using (var log = new AuditLog(store.Database, key, AuditFixture.NewClock(), new AuditLogOptions { CheckpointEveryRecords = 500 }))
        {
            await Task.WhenAll(Enumerable.Range(1, Count).Select(i => log.AppendAsync(AuditFixture.Event(i)).AsTask()));
        }

        await using var db = store.Database.CreateContext();
        var head = await db.Set<AuditHeadEntity>().SingleAsync();
        var checkpoints = await db.Set<AuditCheckpointEntity>().CountAsync();
        Assert.Equal(Count, head.Sequence);
        Assert.InRange(checkpoints, 2, Count / 500 + 1);
        var result = await AuditDatabaseVerifier.VerifyAsync(store.Database.CreateContext, key.VerificationKey);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(Count, result.RecordsChecked);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AppendAsync_TwoWritersOnOneDatabase_KeepOneChain(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        using var key = AuditFixture.NewSigningKey();
        await using (var server = new AuditLog(store.Database, key, AuditFixture.NewClock()))
        await using (var cli = new AuditLog(TiergateDatabase.Open(store.Options), key, AuditFixture.NewClock()))
        {
            var tasks = Enumerable.Range(1, 400).Select(i => (i % 2 == 0 ? server : cli).AppendAsync(AuditFixture.Event(i)).AsTask());
            await Task.WhenAll(tasks);
        }

        var result = await AuditDatabaseVerifier.VerifyAsync(store.Database.CreateContext, key.VerificationKey);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(400, result.RecordsChecked);
    }
}
