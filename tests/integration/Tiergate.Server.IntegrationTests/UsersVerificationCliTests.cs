using Tiergate.Testing.Cli;

namespace Tiergate.Server.IntegrationTests;

/// <summary><c>tiergate users verify|verifications|withdraw-verification</c>, run as a process.</summary>
public sealed class UsersVerificationCliTests
{
    [Fact]
    public async Task VerifyListWithdraw_ReviewerDocument_LevelFollowsTheRecordsAndEveryStepIsAudited()
    {
        var cli = TiergateCli.InTempDirectory();
        await cli.JsonAsync("users", "add", "--email", "sam@lab.example");

        var (verifyExit, verified) = await cli.JsonAsync("users", "verify", "--user", "sam@lab.example", "--level", "affiliated", "--method", "reviewer_document", "--evidence", "passport GB seen on call", "--expires-days", "730");
        var (listExit, listed) = await cli.JsonAsync("users", "verifications", "--user", "sam@lab.example");
        var records = listed["verifications"]!.AsArray();
        var identityId = (long)records.Single(r => (string?)r!["kind"] == "identity")!["id"]!;
        var (withdrawExit, _) = await cli.JsonAsync("users", "withdraw-verification", "--id", identityId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--reason", "document reported stolen");
        var (_, after) = await cli.JsonAsync("users", "verifications", "--user", "sam@lab.example");
        var (againExit, again) = await cli.JsonAsync("users", "withdraw-verification", "--id", identityId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--reason", "twice");

        Assert.Equal((0, 0, 0), (verifyExit, listExit, withdrawExit));
        Assert.Equal("affiliated", (string?)verified["identity"]);
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(("reviewer_document", true), ((string?)r!["method"], (bool?)r["valid"])));
        Assert.NotNull(records[0]!["expires_at"]);
        Assert.Equal("email", (string?)after["identity"]);
        Assert.Equal((1, "verification_withdrawn"), (againExit, (string?)again["error"]?["code"]));

        var export = Path.Combine(cli.DataDirectory, "audit.jsonl");
        Assert.Equal(0, (await cli.RunAsync("audit", "export", "--output", export)).Item1);
        var lines = File.ReadAllLines(export);
        Assert.Equal(2, lines.Count(l => l.Contains("\"identity.verify\"", StringComparison.Ordinal) && l.Contains("\"cli:", StringComparison.Ordinal)));
        Assert.Equal(2, lines.Count(l => l.Contains("\"identity.withdraw\"", StringComparison.Ordinal)));
        Assert.DoesNotContain("passport GB", File.ReadAllText(export), StringComparison.Ordinal);
        Assert.DoesNotContain("reported stolen", File.ReadAllText(export), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--method", "vibes")]
    [InlineData("--expires-days", "0")]
    [InlineData("--evidence", "")]
    [InlineData("--evidence", "text\u202Ereversed")]
    public async Task Verify_BadInput_FailsAndRecordsNothing(string option, string value)
    {
        var cli = TiergateCli.InTempDirectory();
        await cli.JsonAsync("users", "add", "--email", "sam@lab.example");
        var args = new Dictionary<string, string> { ["--user"] = "sam@lab.example", ["--level"] = "verified", ["--evidence"] = "passport", [option] = value };

        var (exit, _, _) = await cli.RunAsync(["users", "verify", .. args.SelectMany(a => new[] { a.Key, a.Value })]);
        var (_, listed) = await cli.JsonAsync("users", "verifications", "--user", "sam@lab.example");

        Assert.NotEqual(0, exit);
        Assert.Empty(listed["verifications"]!.AsArray());
        Assert.Equal("email", (string?)listed["identity"]);
    }

    [Fact]
    public async Task Withdraw_UnknownId_FailsWithUnknownVerification()
    {
        var cli = TiergateCli.InTempDirectory();
        await cli.JsonAsync("users", "add", "--email", "sam@lab.example");

        var (exit, json) = await cli.JsonAsync("users", "withdraw-verification", "--id", "999", "--reason", "none");

        Assert.Equal((1, "unknown_verification"), (exit, (string?)json["error"]?["code"]));
    }
}
