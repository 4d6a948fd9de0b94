using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tiergate.Storage;

namespace Tiergate.Testing.Storage;

/// <summary>
/// A fresh, migrated database for one test: SQLite in a temporary data directory, or a new
/// PostgreSQL database on the server named by <c>TIERGATE_TEST_POSTGRES</c>. Without that variable
/// the PostgreSQL variant fails (it never passes silently): run scripts/test, which starts PostgreSQL.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string PostgresVariable = "TIERGATE_TEST_POSTGRES";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly string? _adminConnection;
    private readonly string? _databaseName;

    private TestStore(StorageOptions options, string? adminConnection, string? databaseName)
    {
        Options = options;
        _adminConnection = adminConnection;
        _databaseName = databaseName;
        Database = TiergateDatabase.Open(options);
    }

    public StorageOptions Options { get; }

    public TiergateDatabase Database { get; }

    public bool IsPostgres => _databaseName is not null;

    public static async Task<TestStore> CreateAsync(string provider)
    {
        var directory = Path.Combine(Path.GetTempPath(), "tiergate-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        TestStore store;
        if (provider == Postgres)
        {
            var (adminConnection, name, connectionString) = await CreatePostgresDatabaseAsync();
            store = new TestStore(new StorageOptions(directory, connectionString), adminConnection, name);
        }
        else
        {
            store = new TestStore(new StorageOptions(directory), null, null);
        }

        await store.Database.MigrateAsync();
        return store;
    }

    /// <summary>
    /// A new, empty database on the test PostgreSQL server (no schema). Without <see cref="PostgresVariable"/> the test
    /// fails, never passes silently: run scripts/test, which starts PostgreSQL and sets it.
    /// </summary>
    public static async Task<(string AdminConnection, string Name, string ConnectionString)> CreatePostgresDatabaseAsync()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        Assert.False(string.IsNullOrWhiteSpace(admin),
            $"{PostgresVariable} is not set, so the PostgreSQL tests cannot run: run scripts/test, which starts PostgreSQL and sets it.");
        var adminConnection = PostgresConnectionString.Normalise(admin!);
        var name = "tg_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(adminConnection))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return (adminConnection, name, new NpgsqlConnectionStringBuilder(adminConnection) { Database = name }.ConnectionString);
    }

    /// <summary>Runs SQL straight against the database, as someone with file or server access would.</summary>
    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var db = Database.CreateContext();
        await db.Database.ExecuteSqlRawAsync(sql, parameters);
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_adminConnection is not null)
        {
            await using var connection = new NpgsqlConnection(_adminConnection);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(Options.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary directory.
        }
    }
}
