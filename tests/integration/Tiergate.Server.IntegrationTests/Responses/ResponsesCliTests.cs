using System.Diagnostics;
using System.Globalization;
using Tiergate.Server.Responses;
using Tiergate.Storage.Responses;
using Tiergate.Testing.Cli;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests.Responses;

/// <summary><c>tiergate responses</c> run as a separate process on the database a running gateway uses: the gateway applies its decisions within the refresh interval.</summary>
public sealed class ResponsesCliTests
{
    [Fact]
    public async Task ConfirmThenReverse_ThroughTheCli_RunningGatewayAppliesEachWithinTheRefreshInterval()
    {
        await using var scene = await ResponseScene.StartAsync(TestStore.Sqlite);
        var (alert, responses) = await scene.FireAsync("key_sharing");
        var id = Assert.Single(responses).Id.ToString(CultureInfo.InvariantCulture);
        var cli = new TiergateCli(scene.Host.Store.Options.DataDirectory);

        var (listExit, listed) = await cli.JsonAsync("responses", "list", "--status", "pending", "--alert", alert.Id.ToString(CultureInfo.InvariantCulture));
        var (confirmExit, confirmed) = await cli.JsonAsync("responses", "confirm", "--id", id, "--reason", "Same key from three networks at once.");
        var suspendedAfter = await UntilAsync(scene, expected: (403, "key_suspended"));
        var (reverseExit, reversed) = await cli.JsonAsync("responses", "reverse", "--id", id, "--reason", "The user rotated the key.");
        var restoredAfter = await UntilAsync(scene, expected: null);
        var (againExit, again) = await cli.JsonAsync("responses", "reverse", "--id", id, "--reason", "Twice.");

        Assert.Equal((0, 0, 0), (listExit, confirmExit, reverseExit));
        var row = Assert.Single(listed["responses"]!.AsArray())!;
        Assert.Equal(("suspend-key", "confirm", "pending", scene.Email, "safety-research", scene.KeyId, "key_sharing"),
            ((string?)row["action"], (string?)row["mode"], (string?)row["status"], (string?)row["user"], (string?)row["tier"], (string?)row["key"], (string?)row["detector"]));
        Assert.Equal(("active", "Same key from three networks at once."), ((string?)confirmed["status"], (string?)confirmed["decided_reason"]));
        Assert.StartsWith("cli:", (string?)confirmed["decided_by"], StringComparison.Ordinal);
        Assert.Equal("reversed", (string?)reversed["status"]);
        Assert.NotEqual(0, againExit);
        Assert.Equal("response_wrong_state", (string?)again["error"]?["code"]);

        // Another process's change reaches the board on its next reload: every RefreshInterval (2 s), plus a request's time.
        var bound = AlertResponses.RefreshInterval + TimeSpan.FromSeconds(1.5);
        Assert.True(suspendedAfter <= bound, $"the suspension took {suspendedAfter} to apply");
        Assert.True(restoredAfter <= bound, $"the reversal took {restoredAfter} to apply");
    }

    [Fact]
    public async Task Decide_UnknownId_ExitsWithUnknownResponse()
    {
        await using var scene = await ResponseScene.StartAsync(TestStore.Sqlite);
        var cli = new TiergateCli(scene.Host.Store.Options.DataDirectory);

        var (exit, json) = await cli.JsonAsync("responses", "decline", "--id", "424242", "--reason", "No such thing.");

        Assert.NotEqual(0, exit);
        Assert.Equal("unknown_response", (string?)json["error"]?["code"]);
    }

    /// <summary>Calls until the answer is <paramref name="expected"/> (null: answered); how long that took after the CLI returned.</summary>
    private static async Task<TimeSpan> UntilAsync(ResponseScene scene, (int, string?)? expected)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (Equals(await scene.CallAsync(), expected))
            {
                return watch.Elapsed;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"the gateway did not answer {expected?.ToString() ?? "normally"} within 10 s");
        return watch.Elapsed;
    }
}
