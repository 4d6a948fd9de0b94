using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Tiergate.Storage.Audit;

/// <summary>
/// A read transaction that sees one consistent state of the log while writers carry on: a deferred
/// transaction on SQLite (WAL gives readers a snapshot), REPEATABLE READ on PostgreSQL.
/// </summary>
internal static class AuditSnapshot
{
    public static async Task<IDbContextTransaction> BeginAsync(TiergateDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var transaction = connection.BeginTransaction(deferred: true);
            return await db.Database.UseTransactionAsync(transaction, cancellationToken)
                ?? throw new InvalidOperationException("could not begin a read transaction");
        }

        return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
    }
}
