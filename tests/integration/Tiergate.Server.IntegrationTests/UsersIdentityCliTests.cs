using System.Text.Json.Nodes;
using Tiergate.Testing.Cli;

namespace Tiergate.Server.IntegrationTests;

/// <summary><c>tiergate users identify|links|ban</c>, run as a process.</summary>
public sealed class UsersIdentityCliTests
{
    [Fact]
    public async Task Identify_SamePhoneOnTwoAccounts_SecondSaysItLinksAndLinksShowsTheClusterWithoutTheValue()
    {
        var cli = await WithTwoAsync();

        var (firstExit, first) = await cli.JsonAsync("users", "identify", "--user", "a@example.org", "--phone", "+44 20 7946 0000");
        var (secondExit, second) = await cli.JsonAsync("users", "identify", "--user", "b@example.org", "--phone", "0044 20 7946 0000");
        var (text, _, _) = (await cli.RunAsync("users", "identify", "--user", "b@example.org", "--device", "dev-1"));
        var (linksExit, links) = await cli.JsonAsync("users", "links", "--user", "b@example.org");
        var (_, linksText, _) = await cli.RunAsync("users", "links", "--user", "a@example.org");

        Assert.Equal((0, 0, 0, 0), (firstExit, secondExit, text, linksExit));
        Assert.Empty(first["linked_user_ids"]!.AsArray());
        Assert.Equal("phone", (string?)second["kind"]);
        var a = (long)first["user_id"]!;
        Assert.Equal([a], second["linked_user_ids"]!.AsArray().Select(n => (long)n!));
        Assert.NotNull(links["cluster_id"]);
        var cluster = links["cluster"]!.AsArray();
        Assert.Equal(["b@example.org", "a@example.org"], cluster.Select(m => (string?)m!["user"]));
        var evidence = cluster[0]!["evidence"]!.AsArray().Single()!;
        Assert.Equal(("phone", "strong", 1.0), ((string?)evidence["kind"], (string?)evidence["strength"], (double)evidence["weight"]!));
        Assert.Matches("^[0-9a-f]{12}$", (string?)evidence["hash"]);
        Assert.Contains("cluster", linksText, StringComparison.Ordinal);
        Assert.DoesNotContain("7946", links.ToJsonString() + linksText, StringComparison.Ordinal);
        Assert.DoesNotContain("7946", await AuditAsync(cli), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identify_DocumentHeldElsewhere_ErrorExitWithDocumentInUse()
    {
        var cli = await WithTwoAsync();
        await cli.JsonAsync("users", "identify", "--user", "a@example.org", "--document", "GB:123456789");

        var (exit, json) = await cli.JsonAsync("users", "identify", "--user", "b@example.org", "--document", "gb:123 456 789");
        var (textExit, _, err) = await cli.RunAsync("users", "identify", "--user", "b@example.org", "--document", "GB:123456789");

        Assert.Equal((1, 1), (exit, textExit));
        Assert.Equal(("document_in_use", "TG2121"), ((string?)json["error"]?["code"], (string?)json["error"]?["tiergate_code"]));
        Assert.Contains("TG2121 (document_in_use)", err, StringComparison.Ordinal);
        Assert.DoesNotContain("123456789", json.ToJsonString() + err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ban_ThenItsCardOnAnotherAccount_RefusedAsBannedAndSecondBanIsAClearError()
    {
        var cli = await WithTwoAsync();
        await cli.JsonAsync("users", "identify", "--user", "a@example.org", "--payment", "fp_1Nv0FGQ9RKHgCVdK");
        await cli.JsonAsync("keys", "create", "--user", "a@example.org");

        var (banExit, ban) = await cli.JsonAsync("users", "ban", "--user", "a@example.org", "--reason", "Resold access to a denied lab.");
        var (againExit, again) = await cli.JsonAsync("users", "ban", "--user", "a@example.org", "--reason", "Again.");
        var (cardExit, card) = await cli.JsonAsync("users", "identify", "--user", "b@example.org", "--payment", "fp_1Nv0FGQ9RKHgCVdK");
        var (_, keys) = await cli.JsonAsync("keys", "list", "--user", "a@example.org");

        Assert.Equal((0, 1, 1), (banExit, againExit, cardExit));
        Assert.Equal((1, 2), ((int)ban["keys_revoked"]!, (int)ban["identifiers_banned"]!));
        Assert.Equal("user_banned", (string?)again["error"]?["code"]);
        Assert.Equal("identifier_banned", (string?)card["error"]?["code"]);
        Assert.Contains("revoked", keys.ToJsonString(), StringComparison.Ordinal);
        var audit = await AuditAsync(cli);
        Assert.Contains("user.ban", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("denied lab", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_GmailVariantOfAnotherAccount_SaysItLinksAndLinksShowsTheMailbox()
    {
        var cli = TiergateCli.InTempDirectory();
        var (firstExit, first) = await cli.JsonAsync("users", "add", "--email", "jane.doe@gmail.com");

        var (exit, text, _) = await cli.RunAsync("users", "add", "--email", "JaneDoe+lab@googlemail.com");
        var (_, links) = await cli.JsonAsync("users", "links", "--user", "JaneDoe+lab@googlemail.com");

        Assert.Equal((0, 0), (firstExit, exit));
        Assert.Contains($"Its address links it to user {(long)first["id"]!}.", text, StringComparison.Ordinal);
        var evidence = links["cluster"]!.AsArray()[0]!["evidence"]!.AsArray().Single()!;
        Assert.Equal(("email", "strong"), ((string?)evidence["kind"], (string?)evidence["strength"]));
        Assert.Equal(["janedoe+lab@googlemail.com", "jane.doe@gmail.com"], links["cluster"]!.AsArray().Select(m => (string?)m!["user"]));
    }

    [Fact]
    public async Task Add_MailboxOfABannedAccount_AddedButSaysItBelongsToABannedAccount()
    {
        var cli = TiergateCli.InTempDirectory();
        await cli.JsonAsync("users", "add", "--email", "jane.doe@gmail.com");
        Assert.Equal(0, (await cli.JsonAsync("users", "ban", "--user", "jane.doe@gmail.com", "--reason", "Key resale.")).Exit);

        var (exit, text, _) = await cli.RunAsync("users", "add", "--email", "janedoe@gmail.com");

        Assert.Equal(0, exit);
        Assert.Contains("belongs to a banned account", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--phone", "+442079460000", "--device", "d")]
    public async Task Identify_NoneOrTwoIdentifiers_UsageError(params string[] identifiers)
    {
        var cli = await WithTwoAsync();

        var (exit, _, err) = await cli.RunAsync(["users", "identify", "--user", "a@example.org", .. identifiers]);

        Assert.NotEqual(0, exit);
        Assert.Contains("exactly one of --phone, --document, --payment or --device", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_UnknownUser_UnknownUserError()
    {
        var cli = await WithTwoAsync();

        var (exit, json) = await cli.JsonAsync("users", "links", "--user", "nobody@example.org");

        Assert.Equal((1, "unknown_user"), (exit, (string?)json["error"]?["code"]));
    }

    private static async Task<TiergateCli> WithTwoAsync()
    {
        var cli = TiergateCli.InTempDirectory();
        Assert.Equal(0, (await cli.JsonAsync("users", "add", "--email", "a@example.org")).Exit);
        Assert.Equal(0, (await cli.JsonAsync("users", "add", "--email", "b@example.org")).Exit);
        return cli;
    }

    private static async Task<string> AuditAsync(TiergateCli cli)
    {
        var export = Path.Combine(cli.DataDirectory, $"audit-{Guid.NewGuid():N}.jsonl");
        Assert.Equal(0, (await cli.RunAsync("audit", "export", "--output", export)).Exit);
        return await File.ReadAllTextAsync(export);
    }
}
