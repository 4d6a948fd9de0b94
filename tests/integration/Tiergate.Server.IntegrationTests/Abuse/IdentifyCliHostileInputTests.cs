using System.Text.Json.Nodes;
using Tiergate.Testing.Cli;

namespace Tiergate.Server.IntegrationTests.Abuse;

/// <summary>
/// Hostile values for <c>users identify</c>, <c>users ban</c> and <c>users links</c>: each is refused with
/// <c>invalid_argument</c> (or its own stable code), one JSON object on stdout, never a crash or a stack trace,
/// never the value echoed back, and nothing stored.
/// </summary>
public sealed class IdentifyCliHostileInputTests
{
    private static readonly (string Option, string Value)[] Values =
    [
        ("--phone", new string('9', 100_000)),
        ("--phone", "+44 20\u0001 7946 0000"),
        ("--phone", "+44\u200B2079460000"),
        ("--phone", "+44 20 7946 0000\n+1 415 555 0100"),
        ("--phone", "\u001b]0;owned\u0007+442079460000"),
        ("--phone", "'; DROP TABLE identifiers; --"),
        ("--document", "GB:\u202E987654321"),
        ("--document", "GB:" + new string('A', 50_000)),
        ("--document", "../../etc/passwd"),
        ("--document", "ZZ:123"),
        ("--payment", "fp_\u0085x"),
        ("--payment", "fp_\u00e9"),
        ("--device", new string('d', 129)),
        ("--device", "\t\r\n"),
    ];

    // One database and one process per value (not one test each): every run starts the command afresh.
    [Fact]
    public async Task Identify_HostileValues_InvalidArgumentNoEchoNothingStored()
    {
        var cli = TiergateCli.InTempDirectory();
        await cli.JsonAsync("users", "add", "--email", "a@example.org");

        foreach (var (option, value) in Values)
        {
            var (exit, stdout, stderr) = await cli.RunAsync("--json", "users", "identify", "--user", "a@example.org", option, value);

            var shown = $"{option} {value[..Math.Min(20, value.Length)]}";
            Assert.True(exit == 1, shown);
            var error = JsonNode.Parse(stdout)!["error"]!;
            Assert.True((string?)error["code"] == "invalid_argument", $"{shown}: {stdout}");
            Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
            Assert.True(stdout.Length < 1000, $"{shown}: the answer repeats a huge value");
            Assert.DoesNotContain('\u001b', stdout);
        }

        var (_, links) = await cli.JsonAsync("users", "links", "--user", "a@example.org");
        Assert.Empty(links["cluster"]![0]!["evidence"]!.AsArray());
        // users add attached the mailbox (one identity.attach, kind email); nothing of the hostile values was attached.
        var attaches = (await File.ReadAllLinesAsync(await ExportAsync(cli))).Where(l => l.Contains("\"identity.attach\"", StringComparison.Ordinal)).ToList();
        Assert.Contains("\"kind\":\"email\"", Assert.Single(attaches), StringComparison.Ordinal);
    }

    private static async Task<string> ExportAsync(TiergateCli cli)
    {
        var export = Path.Combine(cli.DataDirectory, "audit.jsonl");
        Assert.Equal(0, (await cli.RunAsync("audit", "export", "--output", export)).Exit);
        return export;
    }

    [Fact]
    public async Task UserOption_HostileEmails_NoCrashAndNothingBanned()
    {
        var cli = TiergateCli.InTempDirectory();
        await cli.JsonAsync("users", "add", "--email", "a@example.org");

        foreach (var user in new[] { "a@example.org\u0001", "\u202Ea@example.org", "a@example.org\nb@example.org" })
        {
            foreach (var args in new[] { new[] { "users", "ban", "--user", user, "--reason", "x" }, ["users", "identify", "--user", user, "--device", "d"] })
            {
                var (exit, stdout, stderr) = await cli.RunAsync(["--json", .. args]);

                Assert.Equal(1, exit);
                Assert.Contains((string?)JsonNode.Parse(stdout)!["error"]!["code"], new[] { "invalid_argument", "unknown_user" });
                Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
            }
        }

        var (banned, _) = await cli.JsonAsync("users", "ban", "--user", "a@example.org", "--reason", "Still bannable: nothing above banned it.");
        Assert.Equal(0, banned);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Ban_EmptyReason_InvalidArgumentAndAccountStillActive(string reason)
    {
        var cli = TiergateCli.InTempDirectory();
        await cli.JsonAsync("users", "add", "--email", "a@example.org");

        var (exit, json) = await cli.JsonAsync("users", "ban", "--user", "a@example.org", "--reason", reason);

        Assert.Equal((1, "invalid_argument"), (exit, (string?)json["error"]?["code"]));
        var (_, links) = await cli.JsonAsync("users", "links", "--user", "a@example.org");
        Assert.False((bool)links["cluster"]![0]!["banned"]!);
    }
}
