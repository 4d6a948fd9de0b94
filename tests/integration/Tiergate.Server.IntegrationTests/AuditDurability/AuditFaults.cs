using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tiergate.Storage;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests.AuditDurability;

/// <summary>Real databases that refuse the audit log's commits, as the storage fault tests make them.</summary>
internal static class AuditFaults
{
    /// <summary>
    /// The server's own database, opened read-only for the audit writer alone (SQLite's read-only mode; a PostgreSQL
    /// session whose transactions are read-only): every commit fails with the database's own error.
    /// </summary>
    public static Func<TiergateDbContext> ReadOnly(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.PostgresConnection is { } postgres)
        {
            var readOnly = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalise(postgres)) { Options = "-c default_transaction_read_only=on" }.ToString();
            var options = new DbContextOptionsBuilder<PostgresTiergateDbContext>().UseNpgsql(readOnly).Options;
            return () => new PostgresTiergateDbContext(options);
        }

        var sqlite = new DbContextOptionsBuilder<SqliteTiergateDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = storage.SqlitePath, Mode = SqliteOpenMode.ReadOnly }.ToString()).Options;
        return () => new SqliteTiergateDbContext(sqlite);
    }

    /// <summary>
    /// A migrated SQLite database alone on a small tmpfs, closed (so SQLite folds its WAL in and removes it), then
    /// the disk filled: the next commit cannot write its WAL. Null where no tmpfs can be mounted.
    /// </summary>
    public static async Task<(SmallFilesystem Disk, TiergateDatabase Database)?> FullDiskAsync()
    {
        var disk = SmallFilesystem.TryMount("8m");
        if (disk is null)
        {
            return null;
        }

        var database = TiergateDatabase.Open(new StorageOptions(Path.Combine(disk.Path, "data")));
        await database.MigrateAsync();
        SqliteConnection.ClearAllPools();
        disk.Fill();
        return (disk, database);
    }
}
