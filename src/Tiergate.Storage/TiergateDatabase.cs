using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Tiergate.Storage;

/// <summary>Opens the configured database and hands out pooled contexts of the right provider.</summary>
public sealed class TiergateDatabase
{
    private readonly Func<TiergateDbContext> _create;

    private TiergateDatabase(StorageOptions options, Func<TiergateDbContext> create)
    {
        Options = options;
        _create = create;
    }

    public StorageOptions Options { get; }

    public static TiergateDatabase Open(StorageOptions options)
    {
        if (options.PostgresConnection is { } pg)
        {
            var builder = new DbContextOptionsBuilder<PostgresTiergateDbContext>()
                .UseNpgsql(PostgresConnectionString.Normalise(pg));
            var factory = new PooledDbContextFactory<PostgresTiergateDbContext>(builder.Options);
            return new TiergateDatabase(options, factory.CreateDbContext);
        }

        Directory.CreateDirectory(options.DataDirectory);
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = options.SqlitePath,
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
        var sqlite = new DbContextOptionsBuilder<SqliteTiergateDbContext>()
            .UseSqlite(connection)
            .AddInterceptors(new SqlitePragmas(options.SqliteFullSync));
        var sqliteFactory = new PooledDbContextFactory<SqliteTiergateDbContext>(sqlite.Options);
        return new TiergateDatabase(options, sqliteFactory.CreateDbContext);
    }

    public TiergateDbContext CreateContext() => _create();

    /// <summary>Brings the schema up to date; safe to call from several processes at start-up.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        if (!Options.UsesPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }
}
