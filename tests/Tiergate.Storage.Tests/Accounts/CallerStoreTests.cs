using Tiergate.Core.Access;
using Tiergate.Storage.Accounts;
using Tiergate.Storage.Tests.Support;

namespace Tiergate.Storage.Tests.Accounts;

/// <summary>The database caller store passes the contract on SQLite.</summary>
public sealed class SqliteCallerStoreTests : CallerStoreContract
{
    protected override string Backend => TestStore.Sqlite;

    protected override ICallerStore Create(TiergateDatabase database) => new CallerStore(database);
}

/// <summary>The database caller store passes the contract on PostgreSQL.</summary>
public sealed class PostgresCallerStoreTests : CallerStoreContract
{
    protected override string Backend => TestStore.Postgres;

    protected override ICallerStore Create(TiergateDatabase database) => new CallerStore(database);
}
