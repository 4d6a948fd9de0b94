using Npgsql;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests.Deployment;

/// <summary>
/// An empty database on the test PostgreSQL server (no schema: what a deployment starts from), dropped at the end.
/// Without <c>TIERGATE_TEST_POSTGRES</c> the test fails, never passes silently: run scripts/test, which starts PostgreSQL.
/// </summary>
internal sealed class EmptyPostgresDatabase : IAsyncDisposable
{
    private EmptyPostgresDatabase(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public static async Task<EmptyPostgresDatabase> CreateAsync() => new((await TestStore.CreatePostgresDatabaseAsync()).ConnectionString);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        var name = builder.Database!;
        builder.Database = "postgres";
        await using var admin = new NpgsqlConnection(builder.ConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await command.ExecuteNonQueryAsync();
    }
}
