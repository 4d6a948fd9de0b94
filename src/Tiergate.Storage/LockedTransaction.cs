using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Tiergate.Storage;

/// <summary>
/// A write transaction that serialises with every other one holding the same lock: on SQLite, BEGIN IMMEDIATE takes
/// the database's write lock; on PostgreSQL, an advisory lock held until the transaction ends.
/// </summary>
internal static class LockedTransaction
{
    /// <summary>Serialised on one lock for the whole database (<paramref name="key"/>).</summary>
    public static async Task<IDbContextTransaction> BeginAsync(TiergateDbContext db, long key, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
        }

        return transaction;
    }

    /// <summary>Serialised per (<paramref name="key"/>, <paramref name="id"/>): e.g. one application, one user.</summary>
    public static async Task<IDbContextTransaction> BeginAsync(TiergateDbContext db, int key, long id, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({key}, {(int)(id % int.MaxValue)})", cancellationToken);
        }

        return transaction;
    }
}
