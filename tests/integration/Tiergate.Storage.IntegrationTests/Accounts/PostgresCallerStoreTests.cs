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
}
