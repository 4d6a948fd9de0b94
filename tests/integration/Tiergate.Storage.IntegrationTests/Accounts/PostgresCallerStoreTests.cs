using Tiergate.Core.Access;
using Tiergate.Storage.Accounts;
using Tiergate.Testing.Contracts;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Accounts;

/// <summary>The database caller store passes the contract on PostgreSQL. Its tests and assertions are inherited from <see cref="CallerStoreContract"/>.</summary>
public sealed class PostgresCallerStoreTests : CallerStoreContract
{
    protected override string Backend => TestStore.Postgres;

    protected override ICallerStore Create(TiergateDatabase database) => new CallerStore(database);

    /// <summary>The inherited tests run on the provider this class names, not on a fallback.</summary>
    [Fact]
    public async Task Backend_IsPostgres()
    {
        await using var store = await TestStore.CreateAsync(Backend);

        Assert.True(store.Options.UsesPostgres);
    }
}
