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

    [Fact]
    public async Task MaskedAlert_ListedWithoutUserThenAcknowledgedAndUnmaskedWithReason_AuditedAsAlertUnmask()
    {
        var cli = TiergateCli.InTempDirectory();
        Assert.Equal(0, (await cli.JsonAsync("users", "add", "--email", "ada@example.org")).Exit);
        var id = await RaiseAsync(cli.DataDirectory, masked: true);

        var (_, listed) = await cli.JsonAsync("alerts", "list");
        var (_, byUser) = await cli.JsonAsync("alerts", "list", "--user", "ada@example.org");
        var (ackExit, acknowledged) = await cli.JsonAsync("alerts", "acknowledge", "--id", id);
        var (emptyExit, empty) = await cli.JsonAsync("alerts", "unmask", "--id", id, "--reason", " ");
        var (unmaskExit, unmasked) = await cli.JsonAsync("alerts", "unmask", "--id", id, "--reason", "Contact the lab about the spike.");
        var (againExit, again) = await cli.JsonAsync("alerts", "unmask", "--id", id, "--reason", "Again.");
        var (_, after) = await cli.JsonAsync("alerts", "list", "--user", "ada@example.org");

        var alert = Assert.Single(listed["alerts"]!.AsArray())!;
        Assert.Equal((true, null, null, "rate_spike"), ((bool?)alert["masked"], (string?)alert["user"], (string?)alert["key"], (string?)alert["detector"]));
        Assert.Contains("user", alert.AsObject().Select(p => p.Key)); // present, as null
        Assert.Empty(byUser["alerts"]!.AsArray());
        Assert.Equal((0, "acknowledged"), (ackExit, (string?)acknowledged["status"]));
        Assert.Equal((true, "invalid_argument"), (emptyExit != 0, (string?)empty["error"]?["code"]));
        Assert.Equal(0, unmaskExit);
        Assert.Equal(("ada@example.org", false, "Contact the lab about the spike."), ((string?)unmasked["user"], (bool?)unmasked["masked"], (string?)unmasked["unmasked_reason"]));
        Assert.StartsWith("cli:", (string?)unmasked["unmasked_by"], StringComparison.Ordinal);
        Assert.Equal((true, "alert_not_masked"), (againExit != 0, (string?)again["error"]?["code"]));
        Assert.Equal("ada@example.org", (string?)Assert.Single(after["alerts"]!.AsArray())!["user"]);
        var unmasks = await AuditAsync(cli.DataDirectory, "alert.unmask");
        Assert.Equal(["denied", "ok", "denied"], unmasks);
    }

    [Fact]
    public async Task UsersPrivacy_AllowThenRevoke_JsonSaysSoAndBothAudited()
    {
        var cli = TiergateCli.InTempDirectory();
        Assert.Equal(0, (await cli.JsonAsync("users", "add", "--email", "rev@example.org", "--role", "reviewer")).Exit);

        var (allowExit, allowed) = await cli.JsonAsync("users", "privacy", "--email", "rev@example.org", "--allow");
        var (revokeExit, revoked) = await cli.JsonAsync("users", "privacy", "--email", "rev@example.org", "--revoke");
        var (neitherExit, _, _) = await cli.RunAsync("users", "privacy", "--email", "rev@example.org");
        var (bothExit, _, _) = await cli.RunAsync("users", "privacy", "--email", "rev@example.org", "--allow", "--revoke");
        var (unknownExit, unknown) = await cli.JsonAsync("users", "privacy", "--email", "nobody@example.org", "--allow");

        Assert.Equal((0, true, 0, false), (allowExit, (bool?)allowed["privacy"], revokeExit, (bool?)revoked["privacy"]));
        Assert.NotEqual(0, neitherExit);
        Assert.NotEqual(0, bothExit);
        Assert.NotEqual(0, unknownExit);
        Assert.Equal("unknown_user", (string?)unknown["error"]?["code"]);
        Assert.Equal(["ok", "ok"], await AuditAsync(cli.DataDirectory, "user.privacy"));
    }

    private static async Task<List<string>> AuditAsync(string dataDirectory, string action)
    {
        var database = TiergateDatabase.Open(new StorageOptions(dataDirectory));
        await using var db = database.CreateContext();
        var outcomes = db.Set<AuditRecordEntity>().Where(r => r.Action == action).OrderBy(r => r.Sequence).Select(r => r.Outcome).ToList();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return outcomes;
    }

    private static async Task<string> RaiseAsync(string dataDirectory, bool masked = false)
    {
        var storage = new StorageOptions(dataDirectory);
        var database = TiergateDatabase.Open(storage);
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        var userId = db.Users.Single().Id;
        await using var audit = new AuditLog(database, AuditSigningKey.LoadOrCreate(storage), TimeProvider.System);
        var alerts = new AlertStore(database, audit, TimeProvider.System);
        var alert = await alerts.RaiseAsync(masked
            ? new NewAlert("rate_spike", userId, "abcdefghijkl", "research", AlertSeverity.High, new Dictionary<string, string> { ["requests_last_hour"] = "900" }) { Masked = true }
            : new NewAlert("new_country", userId, null, "research", AlertSeverity.Medium, new Dictionary<string, string> { ["country"] = "FR" }));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return alert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
