using System.Net;
using System.Net.Http.Json;
using Tiergate.Testing.Cli;
using Tiergate.Testing.Gateway;

namespace Tiergate.Server.IntegrationTests;

/// <summary>Applications and their review through the operators' CLI, then the grant used at the gateway.</summary>
public sealed class VettingCliTests
{
    // The shipped sample, which requires two approvals for safety-research.
    private static string TwoApprovalPolicy(TiergateCli cli)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml");
        var loaded = Tiergate.Core.Policy.PolicyLoader.Load(File.ReadAllText(path));
        Assert.Equal(2, loaded.Policy!.TiersByName["safety-research"].Review.Approvals);
        Directory.CreateDirectory(cli.DataDirectory);
        return path;
    }

    private static async Task SeedPeopleAsync(TiergateCli cli, string policy)
    {
        Assert.Equal(0, (await cli.JsonAsync("users", "add", "--email", "ada@example.org", "--identity", "verified", "--config", policy)).Exit);
        Assert.Equal(0, (await cli.JsonAsync("users", "add", "--email", "rex@example.org", "--role", "reviewer", "--config", policy)).Exit);
        Assert.Equal(0, (await cli.JsonAsync("users", "add", "--email", "bob@example.org", "--config", policy)).Exit);
        Assert.Equal(0, (await cli.JsonAsync("users", "role", "--user", "bob@example.org", "--role", "admin", "--config", policy)).Exit);
    }

    [Fact]
    public async Task SubmitTwoApprovalsScopedKey_GatewayAnswersUntilTheGrantIsRevoked()
    {
        var cli = TiergateCli.InTempDirectory();
        var policy = TwoApprovalPolicy(cli);
        await SeedPeopleAsync(cli, policy);

        var (submitExit, submitted) = await cli.JsonAsync("applications", "submit", "--user", "ada@example.org", "--tier", "safety-research", "--use-case", "Evaluating <script>refusal</script> behaviour.", "--affiliation", "Example Lab", "--link", "https://example.org/lab", "--config", policy);
        var id = ((long)submitted["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (firstExit, first) = await cli.JsonAsync("applications", "review", "--id", id, "--approve", "--reviewer", "rex@example.org", "--reason", "Clear use case.", "--config", policy);
        var (_, pending) = await cli.JsonAsync("applications", "list", "--status", "pending", "--config", policy);
        var (secondExit, second) = await cli.JsonAsync("applications", "review", "--id", id, "--approve", "--reviewer", "bob@example.org", "--reason", "Agreed.", "--config", policy);
        var (noMfaExit, noMfa) = await cli.JsonAsync("keys", "create", "--user", "ada@example.org", "--tier", "safety-research", "--expires-days", "30", "--allow-ip", "127.0.0.1", "--config", policy);
        Assert.Equal(0, (await cli.JsonAsync("users", "mfa", "enrol-totp", "--user", "ada@example.org", "--config", policy)).Exit);
        var (keyExit, key) = await cli.JsonAsync("keys", "create", "--user", "ada@example.org", "--tier", "safety-research", "--expires-days", "30", "--allow-ip", "127.0.0.1", "--config", policy);
        Assert.NotEqual(0, noMfaExit);
        Assert.Equal("mfa_required", (string?)noMfa["error"]?["code"]);

        Assert.Equal([0, 0, 0, 0], new[] { submitExit, firstExit, secondExit, keyExit });
        Assert.Equal("pending", (string?)submitted["status"]);
        Assert.Equal("Evaluating <script>refusal</script> behaviour.", (string?)submitted["use_case"]);
        Assert.Equal(1, (int)first["approvals"]!);
        var listed = Assert.Single(pending["applications"]!.AsArray())!;
        Assert.Equal(("ada@example.org", "safety-research", "pending"), ((string?)listed["user"], (string?)listed["tier"], (string?)listed["status"]));
        Assert.Contains("new_account", listed["flags"]!.AsArray().Select(f => (string?)f));
        Assert.Equal("approved", (string?)second["status"]);
        Assert.NotNull(second["grant_id"]);
        Assert.Equal(["safety-research"], key["tiers"]!.AsArray().Select(t => (string)t!));

        var port = ServeReadiness.FreePort();
        using var server = cli.Start("serve", "--urls", $"http://127.0.0.1:{port}", "--config", policy);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await ServeReadiness.WaitUntilReadyAsync(http);
            http.DefaultRequestHeaders.Authorization = new("Bearer", (string)key["key"]!);

            using var ok = await http.PostAsJsonAsync("/v1/chat/completions", Chat.Body("reduced-refusal"));
            var (revokeExit, _) = await cli.JsonAsync("grants", "revoke", "--user", "ada@example.org", "--tier", "safety-research", "--config", policy);
            using var refused = await http.PostAsJsonAsync("/v1/chat/completions", Chat.Body("reduced-refusal"));
            using var general = await http.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard"));

            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(0, revokeExit);
            // Variants out of reach are answered as unknown, so tiers cannot be enumerated.
            Assert.Equal("model_not_found", await Chat.ErrorCodeAsync(refused));
            Assert.Equal("model_not_found", await Chat.ErrorCodeAsync(general)); // scoped to safety-research: general's variants are out of its reach
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData("application_identity_insufficient", "applications", "submit", "--user", "low@example.org", "--tier", "safety-research", "--use-case", "x")]
    [InlineData("invalid_argument", "applications", "submit", "--user", "ada@example.org", "--tier", "safety-research", "--use-case", "evil\u202Etext")]
    [InlineData("invalid_argument", "applications", "submit", "--user", "ada@example.org", "--tier", "safety-research", "--use-case", "ok", "--link", "javascript:alert(1)")]
    [InlineData("unknown_tier", "applications", "submit", "--user", "ada@example.org", "--tier", "platinum", "--use-case", "ok")]
    [InlineData("unknown_user", "applications", "submit", "--user", "nobody@example.org", "--tier", "safety-research", "--use-case", "ok")]
    [InlineData("unknown_application", "applications", "review", "--id", "999", "--approve", "--reviewer", "rex@example.org", "--reason", "ok")]
    [InlineData("invalid_argument", "applications", "review", "--id", "1", "--approve", "--deny", "--reviewer", "rex@example.org", "--reason", "ok")]
    [InlineData("key_tier_not_held", "keys", "create", "--user", "ada@example.org", "--tier", "safety-research")]
    [InlineData("unknown_tier", "keys", "create", "--user", "ada@example.org", "--tier", "platinum")]
    [InlineData("invalid_argument", "users", "verify", "--user", "ada@example.org", "--level", "verified", "--evidence", "bad\u0007bell")]
    public async Task VettingVerbs_BadInput_StableCodeAndNothingChanges(string code, params string[] args)
    {
        var cli = TiergateCli.InTempDirectory();
        var policy = TwoApprovalPolicy(cli);
        await SeedPeopleAsync(cli, policy);
        await cli.JsonAsync("users", "add", "--email", "low@example.org", "--config", policy);
        var before = await cli.JsonAsync("applications", "list", "--config", policy);
        var keysBefore = await cli.JsonAsync("keys", "list", "--user", "ada@example.org", "--config", policy);

        var (exit, json) = await cli.JsonAsync([.. args, "--config", policy]);
        var after = await cli.JsonAsync("applications", "list", "--config", policy);
        var keysAfter = await cli.JsonAsync("keys", "list", "--user", "ada@example.org", "--config", policy);

        Assert.Equal(1, exit);
        Assert.Equal(code, (string?)json["error"]?["code"]);
        Assert.Equal(before.Json.ToJsonString(), after.Json.ToJsonString());
        Assert.Equal(keysBefore.Json.ToJsonString(), keysAfter.Json.ToJsonString());
    }

    [Fact]
    public async Task Review_OwnApplicationOrTwiceBySameReviewer_RefusedWithStableCodes()
    {
        var cli = TiergateCli.InTempDirectory();
        var policy = TwoApprovalPolicy(cli);
        await SeedPeopleAsync(cli, policy);
        await cli.JsonAsync("users", "role", "--user", "ada@example.org", "--role", "reviewer", "--config", policy);
        var (_, submitted) = await cli.JsonAsync("applications", "submit", "--user", "ada@example.org", "--tier", "safety-research", "--use-case", "Own work.", "--config", policy);
        var id = ((long)submitted["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (ownExit, own) = await cli.JsonAsync("applications", "review", "--id", id, "--approve", "--reviewer", "ada@example.org", "--reason", "Mine.", "--config", policy);
        await cli.JsonAsync("applications", "review", "--id", id, "--approve", "--reviewer", "rex@example.org", "--reason", "Fine.", "--config", policy);
        var (twiceExit, twice) = await cli.JsonAsync("applications", "review", "--id", id, "--approve", "--reviewer", "rex@example.org", "--reason", "Fine again.", "--config", policy);
        var (_, listed) = await cli.JsonAsync("applications", "list", "--user", "ada@example.org", "--config", policy);

        Assert.Equal((1, "own_application"), (ownExit, (string?)own["error"]?["code"]));
        Assert.Equal((1, "already_reviewed"), (twiceExit, (string?)twice["error"]?["code"]));
        var application = Assert.Single(listed["applications"]!.AsArray())!;
        Assert.Equal(("pending", 1), ((string?)application["status"], (int)application["approvals"]!));
    }
}
