using Tiergate.Core.Access;
using Tiergate.Storage.Accounts;
using Tiergate.Testing.Contracts;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.Tests.Accounts;

/// <summary>The database caller store passes the contract on SQLite (its PostgreSQL run is in the integration lane). Its tests and assertions are inherited from <see cref="CallerStoreContract"/>.</summary>
public sealed class SqliteCallerStoreTests : CallerStoreContract
{
    protected override string Backend => TestStore.Sqlite;

    protected override ICallerStore Create(TiergateDatabase database) => new CallerStore(database);

    /// <summary>The inherited tests run on the provider this class names, not on a fallback.</summary>
    [Fact]
    public async Task Backend_IsSqlite()
    {
        await using var store = await TestStore.CreateAsync(Backend);

        Assert.False(store.Options.UsesPostgres);
    }
}
