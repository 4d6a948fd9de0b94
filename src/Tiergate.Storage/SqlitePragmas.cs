using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tiergate.Storage;

/// <summary>
/// Per-connection SQLite settings, applied on every open of a pooled connection, so they must be
/// cheap: synchronous=FULL makes a commit durable before the caller is told it succeeded. WAL
/// (which lets the server and the CLI use one file at once) is persistent and set once, by
/// <see cref="TiergateDatabase.MigrateAsync"/>, because switching it takes a lock.
/// </summary>
internal sealed class SqlitePragmas(bool fullSync) : DbConnectionInterceptor
{
    private readonly string _sql = fullSync ? "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;" : "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
