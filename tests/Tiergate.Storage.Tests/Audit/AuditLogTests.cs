using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.Tests.Audit;

public sealed class AuditLogTests
{
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
