using System.Net;
using System.Net.Http.Json;
using Tiergate.Testing.Cli;
using Tiergate.Testing.Gateway;

namespace Tiergate.Server.IntegrationTests;

/// <summary>The <c>tiergate</c> command, run as a process on one data directory.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task PolicyCheck_BrokenFile_ListsEveryErrorWithPathAndExits1()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, """
            variants:
              - name: standard
                upstream: { base_url: "http://localhost:8000/v1", model: m }
            policies:
              - { id: aup, version: "1", prohibited: [harm], threat_model: t, rationale: r }
            tiers:
              - { name: general, variants: [standard], policy: aup }
              - { name: research, variants: [standard, x], policy: nope }
            """);
        var cli = TiergateCli.InTempDirectory();

        var (exit, _, stderr) = await cli.RunAsync("policy", "check", file);
        var (jsonExit, json) = await cli.JsonAsync("policy", "check", file);

        Assert.Equal(1, exit);
        Assert.Contains("tiers[1].variants[1]: unknown variant 'x'", stderr, StringComparison.Ordinal);
        Assert.Contains("tiers[1].policy: unknown policy 'nope'", stderr, StringComparison.Ordinal);
        Assert.Equal(1, jsonExit);
        Assert.Equal("policy_invalid", (string?)json["error"]?["code"]);
        Assert.Equal(2, json["error"]?["details"]?.AsArray().Count);
    }

    [Fact]
    public async Task UsersAdd_ArgumentStartingWithAt_IsTakenAsWrittenNotReadFromAFile()
    {
        var secret = Path.GetTempFileName();
        await File.WriteAllTextAsync(secret, "file-content-that-must-not-leak");
        var cli = TiergateCli.InTempDirectory();

        var (exit, json) = await cli.JsonAsync("users", "add", "--email", "at@example.org", "--name", "@" + secret);

        Assert.Equal(0, exit);
        Assert.Equal("@" + secret, (string?)json["name"]);
        Assert.DoesNotContain("file-content-that-must-not-leak", json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyVerb_ParseErrorWithJson_PrintsOneJsonError()
    {
        var (exit, json) = await TiergateCli.InTempDirectory().JsonAsync("users", "add", "--email", "x@example.org", "--no-such-flag");

        Assert.Equal(1, exit);
        Assert.Equal("invalid_argument", (string?)json["error"]?["code"]);
        Assert.NotEmpty(json["error"]!["details"]!.AsArray());
    }

    [Fact]
    public async Task PolicyCheck_ShippedSample_IsValid()
    {
        var (exit, json) = await TiergateCli.InTempDirectory().JsonAsync("policy", "check", Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"));

        Assert.Equal(0, exit);
        Assert.Equal(true, (bool?)json["valid"]);
    }

    [Fact]
    public async Task AdminVerbs_WithJson_EachPrintOneObject()
    {
        var cli = TiergateCli.InTempDirectory();

        var (userExit, user) = await cli.JsonAsync("users", "add", "--email", "Ada@Example.org", "--name", "Ada", "--org", "Lab", "--identity", "verified");
        var (grantExit, grant) = await cli.JsonAsync("grants", "add", "--user", "ada@example.org", "--tier", "safety-research", "--days", "10");
        // safety-research requires MFA: no key that can reach it until the user has a second factor.
        var (noMfaExit, noMfa) = await cli.JsonAsync("keys", "create", "--user", "ada@example.org", "--expires-days", "30", "--allow-ip", "10.0.0.0/8");
        Assert.NotEqual(0, noMfaExit);
        Assert.Equal("mfa_required", (string?)noMfa["error"]?["code"]);
        Assert.Equal(0, (await cli.JsonAsync("users", "mfa", "enrol-totp", "--user", "ada@example.org")).Exit);
        var (keyExit, key) = await cli.JsonAsync("keys", "create", "--user", "ada@example.org", "--expires-days", "30", "--allow-ip", "10.0.0.0/8", "--allow-ip", "192.0.2.1");
        var (listExit, list) = await cli.JsonAsync("keys", "list", "--user", "ada@example.org");
        var (revokeExit, revoked) = await cli.JsonAsync("keys", "revoke", "--id", (string)key["id"]!);
        var (ungrantExit, ungranted) = await cli.JsonAsync("grants", "revoke", "--user", "ada@example.org", "--tier", "safety-research");

        Assert.Equal([0, 0, 0, 0, 0, 0], new[] { userExit, grantExit, keyExit, listExit, revokeExit, ungrantExit });
        Assert.Equal("ada@example.org", (string?)user["email"]);
        Assert.Equal("general", (string?)user["grants"]![0]!["tier"]);
        Assert.Equal("safety-research", (string?)grant["tier"]);
        Assert.StartsWith("tg_", (string)key["key"]!, StringComparison.Ordinal);
        Assert.Equal(["10.0.0.0/8", "192.0.2.1/32"], key["allowed_networks"]!.AsArray().Select(n => (string)n!));
        var listed = Assert.Single(list["keys"]!.AsArray());
        Assert.Null(listed!["key"]);
        Assert.Equal("revoked", (string?)revoked["state"]);
        Assert.Single(ungranted["revoked"]!.AsArray());
    }

    [Theory]
    [InlineData("unknown_user", "grants", "add", "--user", "nobody@example.org", "--tier", "general")]
    [InlineData("unknown_tier", "grants", "add", "--user", "known@example.org", "--tier", "platinum")]
    [InlineData("grant_identity_insufficient", "grants", "add", "--user", "known@example.org", "--tier", "medical-research")]
    [InlineData("invalid_argument", "keys", "create", "--user", "known@example.org", "--allow-ip", "not-an-ip")]
    [InlineData("invalid_argument", "keys", "create", "--user", "known@example.org", "--expires-days", "0")]
    [InlineData("invalid_argument", "users", "add", "--email", "not-an-email")]
    [InlineData("user_exists", "users", "add", "--email", "KNOWN@example.org")]
    [InlineData("user_exists", "users", "add", "--email", " ｋｎｏｗｎ@ＥＸＡＭＰＬＥ.org. ")]
    [InlineData("invalid_argument", "users", "add", "--email", "kn\u200Bown@example.org")]
    [InlineData("unknown_key", "keys", "revoke", "--id", "AAAAAAAAAAAA")]
    [InlineData("grant_not_found", "grants", "revoke", "--user", "known@example.org", "--tier", "safety-research")]
    public async Task AdminVerbs_BadInput_ExitNonZeroWithStableCodeAndChangeNothing(string code, params string[] args)
    {
        var cli = TiergateCli.InTempDirectory();
        await cli.JsonAsync("users", "add", "--email", "known@example.org");
        var before = await cli.JsonAsync("keys", "list", "--user", "known@example.org");

        var (exit, json) = await cli.JsonAsync(args);
        var after = await cli.JsonAsync("keys", "list", "--user", "known@example.org");

        Assert.Equal(1, exit);
        Assert.Equal(code, (string?)json["error"]?["code"]);
        Assert.Equal(before.Json.ToJsonString(), after.Json.ToJsonString());
    }

    [Theory]
    [InlineData("keys", "list", "--user", "ada@example.org")]
    [InlineData("keys", "create", "--user", "ada@example.org")]
    [InlineData("keys", "revoke", "--id", "AAAAAAAAAAAA")]
    [InlineData("grants", "add", "--user", "ada@example.org", "--tier", "general")]
    [InlineData("grants", "revoke", "--user", "ada@example.org", "--tier", "general")]
    [InlineData("audit", "verify", "--public-key", "{pub}")]
    [InlineData("audit", "export", "--output", "{out}", "--public-key", "{pub}")]
    [InlineData("crypto", "rotate")]
    [InlineData("crypto", "rewrap", "--new-kek-file", "{out}")]
    [InlineData("users", "reindex")]
    public async Task VerbOnExistingData_DataDirectoryMissing_FailsDatabaseNotFoundAndCreatesNothing(params string[] args)
    {
        var seeded = TiergateCli.InTempDirectory();
        Assert.Equal(0, (await seeded.JsonAsync("users", "add", "--email", "seed@example.org")).Exit);
        var elsewhere = Path.Combine(Path.GetTempPath(), "tiergate-cli-tests", Guid.NewGuid().ToString("N"));
        var filled = args.Select(a => a.Replace("{pub}", Path.Combine(seeded.DataDirectory, "audit-signing.pub"), StringComparison.Ordinal)
            .Replace("{out}", Path.Combine(elsewhere, "file"), StringComparison.Ordinal)).ToArray();
        var cli = TiergateCli.InTempDirectory();

        var (exit, json) = await cli.JsonAsync(filled);
        var (textExit, _, stderr) = await cli.RunAsync(filled);

        Assert.Equal(1, exit);
        Assert.Equal("database_not_found", (string?)json["error"]?["code"]);
        Assert.Equal(1, textExit);
        Assert.Contains("TG2020", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cli.DataDirectory), "the missing data directory was created");
        Assert.False(Directory.Exists(elsewhere), "an output file was created");
    }

    [Fact]
    public async Task UsersReindex_RowFromBeforeNormalisation_ReportsCollisionKeepsBothAndExits0()
    {
        var cli = TiergateCli.InTempDirectory();
        var (_, ada) = await cli.JsonAsync("users", "add", "--email", "ada@example.org");
        var legacyId = await InsertLegacyUserAsync(cli.DataDirectory, "ａｄａ@example.org");

        var (exit, json) = await cli.JsonAsync("users", "reindex");
        var (textExit, stdout, _) = await cli.RunAsync("users", "reindex");
        var (_, again) = await cli.JsonAsync("users", "add", "--email", "ＡＤＡ@example.org.");

        Assert.Equal((0, 0), (exit, textExit));
        Assert.Equal(2, (int)json["checked"]!);
        var collision = Assert.Single(json["collisions"]!.AsArray())!;
        Assert.Equal("ada@example.org", (string?)collision["email"]);
        Assert.Equal((long)ada["id"]!, (long)collision["kept_user_id"]!);
        Assert.Equal([(long)ada["id"]!, legacyId], collision["user_ids"]!.AsArray().Select(n => (long)n!).Order());
        Assert.Contains("COLLISION ada@example.org", stdout, StringComparison.Ordinal);
        Assert.Equal("user_exists", (string?)again["error"]?["code"]);
    }

    /// <summary>A user row as the previous release wrote it (address lowercased and trimmed only), straight into the CLI's database.</summary>
    private static async Task<long> InsertLegacyUserAsync(string dataDirectory, string legacyEmail)
    {
        var database = Storage.TiergateDatabase.Open(new Storage.StorageOptions(dataDirectory));
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        var user = new Storage.Entities.UserEntity
        {
            Email = legacyEmail,
            EmailIndex = database.KeyRing!.BlindIndex(legacyEmail, Storage.TiergateDbContext.EmailPurpose),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return user.Id;
    }

    [Fact]
    public async Task Serve_WhileVerbsRunOnSameData_KeysWorkAndRevocationHolds()
    {
        var cli = TiergateCli.InTempDirectory();
        var port = ServeReadiness.FreePort();
        using var server = cli.Start("serve", "--urls", $"http://127.0.0.1:{port}");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await ServeReadiness.WaitUntilReadyAsync(http);

            await cli.JsonAsync("users", "add", "--email", "live@example.org");
            var (_, key) = await cli.JsonAsync("keys", "create", "--user", "live@example.org");
            http.DefaultRequestHeaders.Authorization = new("Bearer", (string)key["key"]!);
            using var ok = await http.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard"));
            await cli.JsonAsync("keys", "revoke", "--id", (string)key["id"]!);
            using var revoked = await http.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard"));

            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Contains("built-in sample model", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("key_revoked", await Chat.ErrorCodeAsync(revoked));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }
}
