using Npgsql;
using Tiergate.Storage;

namespace Tiergate.Bench.Identity.Storage;

/// <summary>
/// A fresh, migrated Tiergate database for one run: <c>sqlite</c> in its own data directory with the production
/// default (a full fsync per commit), <c>sqlite-normal</c> the same with <c>sqlite_full_sync: false</c> (WAL commits
/// survive a process crash, not a power cut), or <c>postgres</c>, a new database on the server named by
/// <c>TIERGATE_TEST_POSTGRES</c>. A <c>+index</c> suffix (<c>postgres+index</c>) adds, after the load, the experimental
/// index <see cref="ExperimentalIndex"/> that is not in the product's schema, to measure it side by side.
/// Dropped afterwards unless kept.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "TIERGATE_TEST_POSTGRES";

    private readonly string? _adminConnection;
    private readonly string? _name;
    private readonly bool _keep;

    private BenchDatabase(string provider, TiergateDatabase database, string directory, string? adminConnection, string? name, bool keep)
    {
        Provider = provider;
        Database = database;
        Directory = directory;
        _adminConnection = adminConnection;
        _name = name;
        _keep = keep;
    }

    public string Provider { get; }

    public TiergateDatabase Database { get; }

    public string Directory { get; }

    public bool IsPostgres => _name is not null;

    /// <summary>
    /// (Kind, Hash, UserId): the graph's holder look-up (<c>WHERE Kind AND Hash ORDER BY UserId LIMIT n</c>) becomes an
    /// index-only range read instead of reading and sorting every holder of a /24 or an ASN shared by thousands.
    /// </summary>
    public const string ExperimentalIndex = "CREATE INDEX \"IX_bench_identifiers_Kind_Hash_UserId\" ON identifiers (\"Kind\", \"Hash\", \"UserId\")";

    /// <summary>
    /// Whether the links listings are scored here: on <c>sqlite</c> and <c>postgres</c>; the other variants change what
    /// a query costs, not what it answers (their clusters are still scored, as a check).
    /// </summary>
    public bool ScoresListings => Provider is "sqlite" or "postgres";

    /// <summary>Whether this run adds <see cref="ExperimentalIndex"/>.</summary>
    public bool WithExperimentalIndex => Provider.EndsWith("+index", StringComparison.Ordinal);

    public static async Task<BenchDatabase> CreateAsync(string provider, bool keep)
    {
        var directory = Path.Combine(Path.GetTempPath(), "tiergate-idbench", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        BenchDatabase bench;
        var engine = provider.EndsWith("+index", StringComparison.Ordinal) ? provider[..^"+index".Length] : provider;
        if (engine == "postgres")
        {
            var admin = Environment.GetEnvironmentVariable(PostgresVariable);
            if (string.IsNullOrWhiteSpace(admin))
            {
                throw new ArgumentException($"{PostgresVariable} is not set: source scripts/lib/postgres.sh; start_postgres (bench/identity/run.sh does).");
            }

            var adminConnection = PostgresConnectionString.Normalise(admin);
            var name = "tg_idbench_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(adminConnection))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await command.ExecuteNonQueryAsync();
            }

            var builder = new NpgsqlConnectionStringBuilder(adminConnection) { Database = name };
            bench = new BenchDatabase(provider, TiergateDatabase.Open(new StorageOptions(directory, builder.ConnectionString)), directory, adminConnection, name, keep);
        }
        else if (engine is "sqlite" or "sqlite-normal")
        {
            var options = new StorageOptions(directory) { SqliteFullSync = engine == "sqlite" };
            bench = new BenchDatabase(provider, TiergateDatabase.Open(options), directory, null, null, keep);
        }
        else
        {
            throw new ArgumentException($"Unknown provider '{provider}' (sqlite, sqlite-normal or postgres, optionally with +index).");
        }

        await bench.Database.MigrateAsync();
        return bench;
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_keep)
        {
            Console.Error.WriteLine($"kept {Provider} database: {(_name is null ? Directory : _name)}");
            return;
        }

        if (_adminConnection is not null)
        {
            await using var connection = new NpgsqlConnection(_adminConnection);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary directory.
        }
    }
}
