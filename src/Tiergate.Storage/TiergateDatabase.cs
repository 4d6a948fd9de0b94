using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Tiergate.Core.Errors;
using Tiergate.Storage.Crypto;

namespace Tiergate.Storage;

/// <summary>
/// Opens the configured database and hands out contexts of the right provider. After
/// <see cref="MigrateAsync"/> the contexts carry the key ring, so personal data is encrypted.
/// </summary>
public sealed class TiergateDatabase
{
    private readonly Func<KeyRing?, TiergateDbContext> _create;
    private readonly Func<DbConnection> _connection;

    private TiergateDatabase(StorageOptions options, Func<KeyRing?, TiergateDbContext> create, Func<DbConnection> connection)
    {
        Options = options;
        _create = create;
        _connection = connection;
    }

    public StorageOptions Options { get; }

    /// <summary>The ring that encrypts personal data; set by <see cref="MigrateAsync"/>.</summary>
    public KeyRing? KeyRing { get; private set; }

    public static TiergateDatabase Open(StorageOptions options)
    {
        if (options.PostgresConnection is { } pg)
        {
            var dataSource = NpgsqlDataSource.Create(PostgresConnectionString.Normalise(pg));
            var builder = new DbContextOptionsBuilder<PostgresTiergateDbContext>()
                .UseNpgsql(dataSource)
                .ReplaceService<IModelCacheKeyFactory, KeyRingModelCacheKeyFactory>();
            return new TiergateDatabase(options, ring => new PostgresTiergateDbContext(builder.Options) { KeyRing = ring }, dataSource.CreateConnection);
        }

        CreateOwnerOnly(options);
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = options.SqlitePath,
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
        var sqlite = new DbContextOptionsBuilder<SqliteTiergateDbContext>()
            .UseSqlite(connection)
            .AddInterceptors(new SqlitePragmas(options.SqliteFullSync))
            .ReplaceService<IModelCacheKeyFactory, KeyRingModelCacheKeyFactory>();
        return new TiergateDatabase(options, ring => new SqliteTiergateDbContext(sqlite.Options) { KeyRing = ring }, () => new SqliteConnection(connection));
    }

    /// <summary>
    /// Opens a database that must already exist, creating nothing: no data directory, no SQLite file,
    /// no schema in an empty PostgreSQL database. For verbs that read or change existing data, where a
    /// mistyped <c>--data</c> must fail rather than start an empty deployment.
    /// Throws <see cref="TiergateException"/> with <see cref="ErrorCodes.DatabaseNotFound"/>.
    /// </summary>
    public static async Task<TiergateDatabase> OpenExistingAsync(StorageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.UsesPostgres)
        {
            if (!File.Exists(options.SqlitePath))
            {
                throw new TiergateException(ErrorCodes.DatabaseNotFound, $"No Tiergate database at '{options.SqlitePath}'; nothing was created.");
            }

            return Open(options);
        }

        var database = Open(options);
        await using var db = database._create(null);
        if (!(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any())
        {
            throw new TiergateException(ErrorCodes.DatabaseNotFound, "The PostgreSQL database holds no Tiergate schema; nothing was created.");
        }

        return database;
    }

    public TiergateDbContext CreateContext() => _create(KeyRing);

    /// <summary>
    /// The data directory (0700) and an empty database file (0600) before SQLite opens it: SQLite would
    /// create it with the umask's mode (often world-readable), and gives its WAL and SHM files the
    /// database file's mode, so all three stay the owner's.
    /// </summary>
    private static void CreateOwnerOnly(StorageOptions options)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(options.DataDirectory);
            return;
        }

        Directory.CreateDirectory(options.DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            using var created = new FileStream(options.SqlitePath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(options.SqlitePath))
        {
            // It exists already (or another process just made it): its mode is the operator's.
        }
    }

    /// <summary>
    /// A plain pooled connection, for the few hot-path reads where EF Core's per-query overhead
    /// dominates (the gateway's per-request key lookup). Never for writes: those go through contexts.
    /// </summary>
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = _connection();
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>A context with a given ring (rotation re-encrypts with the new one).</summary>
    public TiergateDbContext CreateContext(KeyRing ring) => _create(ring);

    /// <summary>
    /// Brings the schema up to date and opens the key ring; safe to call from several processes at
    /// start-up. Fails (closed) when the key-encryption key is missing or wrong.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = _create(null))
        {
            if (!Options.UsesPostgres)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            await db.Database.MigrateAsync(cancellationToken);
        }

        var kek = KeyEncryptionKey.Load(Options, Options.KekFile);
        KeyRing = await KeyRingStore.OpenAsync(() => _create(null), kek, TimeProvider.System, cancellationToken);
    }
}
