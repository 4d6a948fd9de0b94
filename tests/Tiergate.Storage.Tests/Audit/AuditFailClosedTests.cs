using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Tests.Support;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.Tests.Audit;

public sealed class AuditFailClosedTests
{
    [Fact]
    public async Task AppendAsync_SqliteDatabaseReadOnly_ThrowsAuditUnavailable()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var key = AuditFixture.NewSigningKey();
        var readOnly = new SqliteConnectionStringBuilder { DataSource = store.Options.SqlitePath, Mode = SqliteOpenMode.ReadOnly }.ToString();
        var options = new DbContextOptionsBuilder<SqliteTiergateDbContext>().UseSqlite(readOnly).Options;
        await using var log = new AuditLog(() => new SqliteTiergateDbContext(options), key, AuditFixture.NewClock());

        var error = await Assert.ThrowsAsync<AuditUnavailableException>(async () => await log.AppendAsync(AuditFixture.Event(1)));

        Assert.IsType<SqliteException>(error.InnerException?.InnerException ?? error.InnerException);
        Assert.Equal(0, await AuditLogFixture.CountRecordsAsync(store));
    }

    [Fact]
    public async Task AppendAsync_SqliteDatabaseFull_ThrowsAuditUnavailableAndKeepsAcknowledgedRecords()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var key = AuditFixture.NewSigningKey();
        var options = new DbContextOptionsBuilder<SqliteTiergateDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = store.Options.SqlitePath }.ToString())
            .AddInterceptors(new MaxPageCount())
            .Options;
        var acknowledged = 0;
        AuditUnavailableException? failure = null;
        await using (var log = new AuditLog(() => new SqliteTiergateDbContext(options), key, AuditFixture.NewClock()))
        {
            var bulky = new Dictionary<string, string> { ["reason"] = new('x', 3000) };
            for (var i = 0; i < 200 && failure is null; i++)
            {
                try
                {
                    await log.AppendAsync(new AuditEvent("gateway.request", "key:K1", null, "ok", bulky));
                    acknowledged++;
                }
                catch (AuditUnavailableException ex)
                {
                    failure = ex;
                }
            }
        }

        Assert.NotNull(failure);
        Assert.Equal(acknowledged, await AuditLogFixture.CountRecordsAsync(store));
        var result = await AuditDatabaseVerifier.VerifyAsync(store.Database.CreateContext, key.VerificationKey);
        Assert.True(result.Ok, result.Problem);
    }

    [Fact]
    public async Task AppendAsync_AfterDispose_ThrowsAuditUnavailable()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var key = AuditFixture.NewSigningKey();
        var log = new AuditLog(store.Database, key, AuditFixture.NewClock());
        await log.DisposeAsync();

        await Assert.ThrowsAsync<AuditUnavailableException>(async () => await log.AppendAsync(AuditFixture.Event(1)));
    }

    [Fact]
    public async Task AppendAsync_FailedBatch_LaterAppendsSucceedAndChainVerifies()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        using var key = AuditFixture.NewSigningKey();

        // The writer keeps its connection open across batches; another process holding the write
        // lock past the busy timeout fails one batch, and the writer must recover on its own.
        var options = new DbContextOptionsBuilder<SqliteTiergateDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = store.Options.SqlitePath, DefaultTimeout = 1 }.ToString()).Options;
        await using (var log = new AuditLog(() => new SqliteTiergateDbContext(options), key, AuditFixture.NewClock()))
        {
            await log.AppendAsync(AuditFixture.Event(1));
            await using (var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store.Options.SqlitePath }.ToString()))
            {
                await other.OpenAsync();
                await using var hold = other.CreateCommand();
                hold.CommandText = "BEGIN IMMEDIATE;";
                await hold.ExecuteNonQueryAsync();
                await Assert.ThrowsAsync<AuditUnavailableException>(async () => await log.AppendAsync(AuditFixture.Event(2)));
                hold.CommandText = "ROLLBACK;";
                await hold.ExecuteNonQueryAsync();
            }

            await log.AppendAsync(AuditFixture.Event(3));
        }

        var result = await AuditDatabaseVerifier.VerifyAsync(store.Database.CreateContext, key.VerificationKey);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(2, result.RecordsChecked);
    }

}
