using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Tests.Support;

namespace Tiergate.Storage.Tests.Audit;

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

    [Fact]
    public async Task AppendAsync_StoresEventFieldsAndClockTime()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var key = AuditFixture.NewSigningKey();
        var clock = AuditFixture.NewClock();
        await using (var log = new AuditLog(store.Database, key, clock))
        {
            await log.AppendAsync(new AuditEvent("key.revoke", "admin:alice", "key:K9", "ok",
                new Dictionary<string, string> { ["z"] = "1", ["a"] = "2" }));
        }

        await using var db = store.Database.CreateContext();
        var record = await db.Set<AuditRecordEntity>().SingleAsync();
        Assert.Equal(1, record.Sequence);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds(), record.TimestampUnixMs);
        Assert.Equal("key.revoke", record.Action);
        Assert.Equal("{\"a\":\"2\",\"z\":\"1\"}", record.Details);
        Assert.Equal(AuditCanonical.GenesisHash(), record.PreviousHash);
    }

    [Theory]
    [InlineData("prompt", "tell me how to")]
    [InlineData("Authorization", "x")]
    [InlineData("note", "Bearer abc")]
    public async Task AppendAsync_SecretOrContentInDetails_ThrowsArgumentException(string detail, string value)
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var key = AuditFixture.NewSigningKey();
        await using var log = new AuditLog(store.Database, key, AuditFixture.NewClock());

        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await log.AppendAsync(new AuditEvent("gateway.request", "key:K1", null, "ok", new Dictionary<string, string> { [detail] = value })));
    }

    [Fact]
    public async Task AppendAsync_ApiKeyInSubject_ThrowsArgumentException()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var key = AuditFixture.NewSigningKey();
        await using var log = new AuditLog(store.Database, key, AuditFixture.NewClock());
        var (_, apiKey) = Tiergate.Core.Keys.ApiKeyFormat.Generate();

        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await log.AppendAsync(new AuditEvent("key.create", "admin:alice", "leaked " + apiKey, "ok")));
    }
}
