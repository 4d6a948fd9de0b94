using Microsoft.EntityFrameworkCore;
using Tiergate.Storage;
using Tiergate.Storage.Audit;

namespace Tiergate.Server.IntegrationTests.Deployment;

/// <summary><c>tiergate migrate</c>, run as a process as a deployment's migration step runs it (deploy/kubernetes/job-migrate.yaml).</summary>
public sealed class MigrateCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tiergate-migrate-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Migrate_EmptyPostgresDatabase_CreatesTheSchemaOnceAndAuditsEachRun()
    {
        await using var database = await EmptyPostgresDatabase.CreateAsync();
        var shared = SharedEnvironment.WithFreshSecrets(database.ConnectionString);

        var (firstExit, first) = await shared.JsonAsync(Path.Combine(_root, "job"), "migrate");
        var (secondExit, second) = await shared.JsonAsync(Path.Combine(_root, "job-again"), "migrate");
        var (verifyExit, verified) = await shared.JsonAsync(Path.Combine(_root, "verifier"), "audit", "verify");
        var records = await MigrateRecordsAsync(new StorageOptions(_root, database.ConnectionString));

        Assert.Equal(0, firstExit);
        Assert.Equal("postgresql", (string?)first["database"]);
        Assert.NotEmpty(first["applied"]!.AsArray());
        Assert.Equal((string?)first["applied"]!.AsArray()[^1], (string?)first["schema"]);
        Assert.Equal(0, secondExit);
        Assert.Empty(second["applied"]!.AsArray());
        Assert.Equal((string?)first["schema"], (string?)second["schema"]);
        Assert.True(verifyExit == 0 && (bool)verified["ok"]!, verified.ToJsonString());
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.StartsWith("cli:", r.Actor, StringComparison.Ordinal));
        Assert.Contains($"\"applied\":\"{first["applied"]!.AsArray().Count}\"", records[0].Details, StringComparison.Ordinal);
        Assert.Contains("\"applied\":\"0\"", records[1].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_SqliteDataDirectory_CreatesTheDatabaseThatOtherVerbsThenFind()
    {
        var cli = new SharedEnvironment(new Dictionary<string, string>());
        var data = Path.Combine(_root, "data");

        var (before, missing) = await cli.JsonAsync(data, "keys", "list", "--user", "nobody@example.org");
        var (exit, migrated) = await cli.JsonAsync(data, "migrate");
        var (after, found) = await cli.JsonAsync(data, "keys", "list", "--user", "nobody@example.org");

        Assert.Equal((1, "database_not_found"), (before, (string?)missing["error"]!["code"]));
        Assert.Equal(0, exit);
        Assert.Equal("sqlite", (string?)migrated["database"]);
        Assert.True(File.Exists(Path.Combine(data, "tiergate.db")));
        Assert.Equal(1, after); // the database exists now; the user does not
        Assert.NotEqual("database_not_found", (string?)found["error"]!["code"]);
    }

    [Fact]
    public async Task Migrate_UnreachableDatabase_StorageUnavailableWithoutThePassword()
    {
        var cli = new SharedEnvironment(new Dictionary<string, string> { ["TIERGATE_DATABASE__CONNECTION"] = "Host=127.0.0.1;Port=1;Username=tg;Password=hunter2;Database=tg;Timeout=2" });

        var (exit, stdout, _) = await cli.RunAsync(Path.Combine(_root, "data"), "migrate", "--json");

        Assert.Equal(1, exit);
        Assert.Contains("\"code\":\"storage_unavailable\"", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_MistypedFlag_InvalidArgumentAsJson()
    {
        var cli = new SharedEnvironment(new Dictionary<string, string>());

        var (exit, json) = await cli.JsonAsync(Path.Combine(_root, "data"), "migrate", "--sqlite-sync", "fast");

        Assert.Equal(1, exit);
        Assert.Equal("invalid_argument", (string?)json["error"]!["code"]);
        Assert.False(Directory.Exists(Path.Combine(_root, "data")));
    }

    private static async Task<List<AuditRecordEntity>> MigrateRecordsAsync(StorageOptions storage)
    {
        await using var db = TiergateDatabase.Open(storage).CreateContext();
        return await db.Set<AuditRecordEntity>().AsNoTracking().Where(r => r.Action == "database.migrate").OrderBy(r => r.Sequence).ToListAsync();
    }
}
