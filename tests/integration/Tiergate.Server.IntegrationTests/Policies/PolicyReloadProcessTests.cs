using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Policy;
using Tiergate.Storage;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Cli;

namespace Tiergate.Server.IntegrationTests.Policies;

/// <summary>
/// Policy changes as an operator makes them, against a real <c>tiergate serve</c> process: <c>tiergate policy apply</c>
/// while it serves, and SIGHUP after editing its <c>--config</c> file.
/// </summary>
public sealed class PolicyReloadProcessTests : IDisposable
{
    private readonly TiergateCli _cli = TiergateCli.InTempDirectory();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tiergate-policy-reload", Guid.NewGuid().ToString("N"));
    private readonly string _sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"));

    public PolicyReloadProcessTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        // The servers this test started: stopped here, pass or fail (disposing a Process object does not end it).
        foreach (var server in _ports.Keys)
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                server.WaitForExit();
            }

            server.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var directory in new[] { _directory, _cli.DataDirectory })
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: temporary directories.
            }
        }
    }

    [Fact]
    public async Task PolicyApply_WhileServing_InvalidRefusedWithNothingStoredThenValidReachesNewRequestsWithinSeconds()
    {
        var config = Write("policy.yaml", _sample);
        var key = await KeyAsync(config);
        var server = await StartAsync(config);
        using var http = Client(server, key);
        var first = PolicyText.Of(_sample);
        var statusesBefore = await ChatStatusesAsync(http, 3);

        var broken = Write("broken.yaml", _sample.Replace("    variants: [standard]\n    policy: general-use", "    variants: [nonexistent]\n    policy: general-use", StringComparison.Ordinal));
        var (brokenExit, brokenJson) = await _cli.JsonAsync("policy", "apply", broken);
        await Task.Delay(TimeSpan.FromSeconds(3)); // more than one poll: nothing may arrive
        var readyAfterBroken = await ReadyAsync(http);

        var lowered = _sample.Replace("requests_per_minute: 60", "requests_per_minute: 2", StringComparison.Ordinal);
        var (exit, json) = await _cli.JsonAsync("policy", "apply", Write("lowered.yaml", lowered));
        var waited = await WaitForHashAsync(http, PolicyText.Of(lowered).Hash);
        var statusesAfter = await ChatStatusesAsync(http, 3);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statusesBefore);
        Assert.Equal(1, brokenExit);
        Assert.Equal("policy_invalid", (string?)brokenJson["error"]!["code"]);
        Assert.Contains(brokenJson["error"]!["details"]!.AsArray(), d => ((string)d!).StartsWith("tiers[0].variants[0]: ", StringComparison.Ordinal));
        Assert.Equal(first.Hash, (string?)readyAfterBroken["policy"]!["hash"]);
        Assert.Equal(1, (long)readyAfterBroken["policy"]!["version"]!);
        Assert.Equal(0, exit);
        Assert.Equal(2, (long)json["version"]!);
        Assert.Equal(first.Hash, (string?)json["previous_hash"]);
        Assert.InRange(waited.TotalSeconds, 0, 10);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statusesAfter);
        var applies = await AuditAsync("policy.apply");
        Assert.Equal(2, applies.Count); // version 1 by serve at start, version 2 by the CLI; none for the broken file
        var details = JsonNode.Parse(applies[1].Details!)!;
        Assert.Equal(first.Hash, (string?)details["old_hash"]);
        Assert.Equal(PolicyText.Of(lowered).Hash, (string?)details["new_hash"]);
        Assert.StartsWith("cli:", applies[1].Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sighup_ChangedFileReloadsAndBrokenFileKeepsTheRunningPolicy()
    {
        var config = Write("policy.yaml", _sample);
        var key = await KeyAsync(config);
        var server = await StartAsync(config);
        using var http = Client(server, key);

        var lowered = _sample.Replace("requests_per_minute: 60", "requests_per_minute: 2", StringComparison.Ordinal);
        Write("policy.yaml", lowered);
        await HangUpAsync(server);
        var waited = await WaitForHashAsync(http, PolicyText.Of(lowered).Hash);
        var statuses = await ChatStatusesAsync(http, 3);

        Write("policy.yaml", "tiers: [\n");
        await HangUpAsync(server);
        var refusal = await WaitForAuditAsync("policy.reload");
        var ready = await ReadyAsync(http);
        using var stillServing = await PostChatAsync(http);

        Assert.InRange(waited.TotalSeconds, 0, 10);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("policy_invalid", refusal.Outcome);
        Assert.Equal(PolicyText.Of(lowered).Hash, (string?)ready["policy"]!["hash"]);
        Assert.Equal(2, (long)ready["policy"]!["version"]!);
        Assert.False(server.HasExited);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillServing.StatusCode); // the reloaded limit, not the broken file, still holds
        var change = JsonNode.Parse((await AuditAsync("policy.apply"))[1].Details!)!;
        Assert.Equal(PolicyText.Of(_sample).Hash, (string?)change["old_hash"]);
        Assert.Equal(PolicyText.Of(lowered).Hash, (string?)change["new_hash"]);
        Assert.Equal("sighup", (string?)change["source"]);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private async Task<string> KeyAsync(string config)
    {
        var (userExit, _) = await _cli.JsonAsync("users", "add", "--email", "reload@example.org", "--config", config);
        var (keyExit, key) = await _cli.JsonAsync("keys", "create", "--user", "reload@example.org", "--config", config);
        Assert.Equal([0, 0], new[] { userExit, keyExit });
        return (string)key["key"]!;
    }

    private async Task<Process> StartAsync(string config)
    {
        var port = ServeReadiness.FreePort();
        var server = _cli.Start("serve", "--urls", $"http://127.0.0.1:{port}", "--config", config);
        _ = server.StandardOutput.ReadToEndAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            await ServeReadiness.WaitUntilReadyAsync(http, server);
        }
        catch
        {
            server.Kill(entireProcessTree: true);
            throw;
        }

        _ports[server] = port;
        return server;
    }

    private readonly Dictionary<Process, int> _ports = [];

    private HttpClient Client(Process server, string key)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_ports[server]}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static async Task HangUpAsync(Process server)
    {
        using var kill = Process.Start("kill", ["-HUP", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task<List<HttpStatusCode>> ChatStatusesAsync(HttpClient http, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await PostChatAsync(http);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static async Task<HttpResponseMessage> PostChatAsync(HttpClient http)
    {
        using var body = new StringContent("""{"model":"standard","messages":[{"role":"user","content":"hello"}]}""", Encoding.UTF8, "application/json");
        return await http.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), body);
    }

    private static async Task<TimeSpan> WaitForHashAsync(HttpClient http, string hash)
    {
        var watch = Stopwatch.StartNew();
        while ((string?)(await ReadyAsync(http))["policy"]?["hash"] != hash)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), "the server did not take the new policy");
            await Task.Delay(100);
        }

        return watch.Elapsed;
    }

    private static async Task<JsonNode> ReadyAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<AuditRecordEntity> WaitForAuditAsync(string action)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if ((await AuditAsync(action)).FirstOrDefault() is { } record)
            {
                return record;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"no {action} record");
            await Task.Delay(200);
        }
    }

    private async Task<List<AuditRecordEntity>> AuditAsync(string action)
    {
        var database = TiergateDatabase.Open(new StorageOptions(_cli.DataDirectory));
        await using var db = database.CreateContext();
        return await db.Set<AuditRecordEntity>().AsNoTracking().Where(r => r.Action == action).OrderBy(r => r.Sequence).ToListAsync();
    }
}
