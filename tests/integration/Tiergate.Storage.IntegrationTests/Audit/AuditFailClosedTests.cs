using Npgsql;
using Tiergate.Core.Audit;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Audit;

public sealed class AuditFailClosedTests
{
    [Fact]
    public async Task AppendAsync_PostgresDatabaseReadOnly_ThrowsAuditUnavailable()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Postgres);
        using var key = AuditFixture.NewSigningKey();
        var database = new NpgsqlConnectionStringBuilder(store.Options.PostgresConnection).Database;
        await store.ExecuteAsync($"ALTER DATABASE \"{database}\" SET default_transaction_read_only = on");
        NpgsqlConnection.ClearAllPools();
        await using var log = new AuditLog(TiergateDatabase.Open(store.Options), key, AuditFixture.NewClock());

        var error = await Assert.ThrowsAsync<AuditUnavailableException>(async () => await log.AppendAsync(AuditFixture.Event(1)));

        Assert.Contains("read-only", error.InnerException?.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await AuditLogFixture.CountRecordsAsync(store));
    }
}
