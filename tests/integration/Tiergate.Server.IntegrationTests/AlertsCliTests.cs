using Tiergate.Storage;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Cli;

namespace Tiergate.Server.IntegrationTests;

/// <summary><c>tiergate alerts list|resolve</c> as an operator runs them, on an alert raised into the CLI's own database.</summary>
public sealed class AlertsCliTests
{
    [Fact]
    public async Task ListThenResolve_RaisedAlert_JsonShapeThenClosedWithReasonAndSecondCloseRefused()
    {
        var cli = TiergateCli.InTempDirectory();
        Assert.Equal(0, (await cli.JsonAsync("users", "add", "--email", "ada@example.org")).Exit);
        var id = await RaiseAsync(cli.DataDirectory);

        var (listExit, listed) = await cli.JsonAsync("alerts", "list", "--status", "open", "--user", "ada@example.org");
        var (resolveExit, resolved) = await cli.JsonAsync("alerts", "resolve", "--id", id, "--as", "false-positive", "--reason", "Conference in Paris <b>confirmed</b>.");
        var (againExit, again) = await cli.JsonAsync("alerts", "resolve", "--id", id, "--as", "resolved", "--reason", "Again.");
        var (_, open) = await cli.JsonAsync("alerts", "list", "--status", "open");

        Assert.Equal((0, 0), (listExit, resolveExit));
        var alert = Assert.Single(listed["alerts"]!.AsArray())!;
        Assert.Equal(("new_country", "ada@example.org", "research", "medium", "open"),
            ((string?)alert["detector"], (string?)alert["user"], (string?)alert["tier"], (string?)alert["severity"], (string?)alert["status"]));
        Assert.Equal("FR", (string?)alert["evidence"]!["country"]);
        Assert.Equal(("false-positive", "Conference in Paris <b>confirmed</b>."), ((string?)resolved["status"], (string?)resolved["status_reason"]));
        Assert.StartsWith("cli:", (string?)resolved["status_by"], StringComparison.Ordinal);
        Assert.NotEqual(0, againExit);
        Assert.Equal("alert_closed", (string?)again["error"]?["code"]);
        Assert.Empty(open["alerts"]!.AsArray());
    }

    private static async Task<string> RaiseAsync(string dataDirectory)
    {
        var storage = new StorageOptions(dataDirectory);
        var database = TiergateDatabase.Open(storage);
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        var userId = db.Users.Single().Id;
        await using var audit = new AuditLog(database, AuditSigningKey.LoadOrCreate(storage), TimeProvider.System);
        var alerts = new AlertStore(database, audit, TimeProvider.System);
        var alert = await alerts.RaiseAsync(new NewAlert("new_country", userId, null, "research", AlertSeverity.Medium, new Dictionary<string, string> { ["country"] = "FR" }));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return alert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
