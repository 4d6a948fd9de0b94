using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tiergate.Storage;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Gateway;
using Xunit.Abstractions;

namespace Tiergate.Server.IntegrationTests.Deployment.MultiInstance;

/// <summary>
/// Issue 18, point 2: two real <c>tiergate serve</c> processes on one PostgreSQL database and one Redis (see
/// <see cref="GatewayCluster"/>) keep every guarantee one gateway gives: the daily token quota is not overspent,
/// revocations hold on both from the next request, their audit records form one chain that <c>tiergate audit
/// verify</c> accepts, and a SIGKILLed instance loses no acknowledged request's audit record while the other serves on.
/// </summary>
public sealed class MultiInstanceTests(GatewayCluster cluster, ITestOutputHelper output) : IClassFixture<GatewayCluster>
{
    [Fact]
    public async Task Quota_40ConcurrentRequestsSpreadOverBothInstances_DailyTokensNotOverspent()
    {
        var (_, key) = cluster.QuotaKey;
        using var a = cluster.A.Client(key);
        using var b = cluster.B.Client(key);

        // All 40 at once, alternating between the instances; the model takes a second, so every reservation is held together.
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => SendAsync(i % 2 == 0 ? a : b, "metered", GatewayCluster.MeteredMaxTokens)));

        var admitted = results.Where(r => r.Status == HttpStatusCode.OK).ToList();
        var spent = admitted.Sum(r => r.TotalTokens);
        output.WriteLine($"admitted {admitted.Count} of 40 (A {admitted.Count(r => r.Client == a)}, B {admitted.Count(r => r.Client == b)}), {spent} tokens of {GatewayCluster.MeteredTokensPerDay}");
        Assert.NotEmpty(admitted);
        Assert.All(admitted, r => Assert.Equal(GatewayCluster.MeteredAnswerTokens, r.TotalTokens));
        // Counted per instance, each would admit up to nine (9 x 110 = 990 tokens), 18 together: twice the quota.
        Assert.True(spent <= GatewayCluster.MeteredTokensPerDay, $"the two instances admitted {admitted.Count} requests, {spent} tokens, over the quota of {GatewayCluster.MeteredTokensPerDay}");
        Assert.All(results.Except(admitted), r => Assert.Equal((HttpStatusCode.TooManyRequests, "quota_exceeded"), (r.Status, r.Code)));
        Assert.Contains(results, r => r.Client == a && r.Status == HttpStatusCode.TooManyRequests);
        Assert.Contains(results, r => r.Client == b && r.Status == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Revocation_KeyAndGrantRevokedThroughOneInstancesCli_BothInstancesRefuseTheNextRequest()
    {
        var (keyId, revokedKey) = cluster.LoadKeys[4];
        var (_, grantKey) = cluster.GrantKey;
        using var keyOnA = cluster.A.Client(revokedKey);
        using var keyOnB = cluster.B.Client(revokedKey);
        using var grantOnA = cluster.A.Client(grantKey);
        using var grantOnB = cluster.B.Client(grantKey);
        var before = await Task.WhenAll(SendAsync(keyOnA, "standard"), SendAsync(keyOnB, "standard"), SendAsync(grantOnA, "metered", GatewayCluster.MeteredMaxTokens), SendAsync(grantOnB, "metered", GatewayCluster.MeteredMaxTokens));

        await cluster.CliAsync("keys", "revoke", "--id", keyId);
        await cluster.CliAsync("grants", "revoke", "--user", GatewayCluster.GrantUser, "--tier", "metered");
        var after = await Task.WhenAll(SendAsync(keyOnA, "standard"), SendAsync(keyOnB, "standard"), SendAsync(grantOnA, "metered", GatewayCluster.MeteredMaxTokens), SendAsync(grantOnB, "metered", GatewayCluster.MeteredMaxTokens));

        Assert.All(before, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal((HttpStatusCode.Unauthorized, "key_revoked"), (after[0].Status, after[0].Code));
        Assert.Equal((HttpStatusCode.Unauthorized, "key_revoked"), (after[1].Status, after[1].Code));
        // No tier of the key reaches the variant any more; the client is told model_not_found (variants are not enumerable).
        Assert.Equal((HttpStatusCode.NotFound, "model_not_found"), (after[2].Status, after[2].Code));
        Assert.Equal((HttpStatusCode.NotFound, "model_not_found"), (after[3].Status, after[3].Code));
    }

    [Fact]
    public async Task Audit_RecordsWrittenByBothInstancesConcurrently_OneChainThatAuditVerifyAccepts()
    {
        var keys = cluster.LoadKeys;
        using var a = cluster.A.Client(keys[0].Key);
        using var b = cluster.B.Client(keys[1].Key);

        // One request after another on each instance, both at once: small commits from two writers, racing for the chain's tail.
        var results = (await Task.WhenAll(SequentialAsync(a, 20), SequentialAsync(b, 20))).SelectMany(r => r).ToList();
        var records = await GatewayRecordsAsync(keys[0].Id, keys[1].Id);
        var verified = await VerifyChainAsync();

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        // Key 0 was used only on A, key 1 only on B: the actor tells which instance wrote a record.
        Assert.Equal(20, records.Count(r => r.Actor == $"key:{keys[0].Id}"));
        Assert.Equal(20, records.Count(r => r.Actor == $"key:{keys[1].Id}"));
        var switches = records.Zip(records.Skip(1)).Count(pair => pair.First.Actor != pair.Second.Actor);
        output.WriteLine($"{records.Count} gateway records; the writer changed {switches} times along the chain; {verified["records_checked"]} records verified");
        Assert.True(switches >= 2, "the two instances' records did not interleave, so the test did not show concurrent writers on one chain");
        Assert.True((long)verified["records_checked"]! >= records.Max(r => r.Sequence), verified.ToJsonString());
    }

    [Fact]
    public async Task Kill_OneInstanceSigkilledUnderLoad_EveryAcknowledgedRequestAuditedAndTheOtherServesOn()
    {
        var victim = await cluster.StartInstanceAsync("c");
        var survivor = cluster.A;
        var (victimKey, survivorKey) = (cluster.LoadKeys[2], cluster.LoadKeys[3]);
        var load = new KillLoad();
        using var stop = new CancellationTokenSource();

        // Four clients on each instance, each instance's with a key of its own; each request a max_tokens value no other
        // request of that key has: (key, max_tokens) names one request in the audit log.
        var clients = Enumerable.Range(0, KillLoad.ClientsPerInstance)
            .SelectMany(j => new[] { load.RunClientAsync(j, victim, victimKey, stop.Token), load.RunClientAsync(j, survivor, survivorKey, stop.Token) })
            .ToList();
        await KillLoad.UntilAsync(() => load.AcknowledgedBy(victim) >= 50, "the victim acknowledged no 50 requests");
        await Task.Delay(TimeSpan.FromMilliseconds(100 + Random.Shared.Next(400)));
        await victim.KillAsync();
        load.Killed();
        await KillLoad.UntilAsync(() => load.AcknowledgedAfterKill(survivor) >= 50, "the survivor did not serve 50 requests after the kill");
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        var audited = (await GatewayRecordsAsync(victimKey.Id, survivorKey.Id))
            .Select(r => (r.Actor, MaxTokens: int.Parse((string)JsonNode.Parse(r.Details!)!["max_tokens"]!, System.Globalization.CultureInfo.InvariantCulture)))
            .ToHashSet();
        var verified = await VerifyChainAsync();
        var missing = load.Acknowledged.Where(a => !audited.Contains(($"key:{a.KeyId}", a.MaxTokens))).ToList();

        output.WriteLine($"victim acknowledged {load.AcknowledgedBy(victim)}, survivor {load.AcknowledgedBy(survivor)} ({load.AcknowledgedAfterKill(survivor)} after the kill); {audited.Count} admitted records");
        Assert.True(victim.HasExited);
        Assert.Empty(missing);
        Assert.Equal(0, load.FailuresAfterKill(survivor));
        Assert.True((bool)verified["ok"]!, verified.ToJsonString());
    }

    /// <summary><c>tiergate audit verify --json</c> against the shared database, from a data directory of its own.</summary>
    private async Task<JsonObject> VerifyChainAsync()
    {
        var (exit, json) = await cluster.Shared.JsonAsync(cluster.DataDirectory("verifier-" + Guid.NewGuid().ToString("N")), "audit", "verify");
        Assert.True(exit == 0, json.ToJsonString());
        Assert.True((bool)json["ok"]!, json.ToJsonString());
        return json;
    }

    /// <summary>The admitted-request records (<c>gateway.request</c>, ok) of these keys, in chain order, read straight from PostgreSQL.</summary>
    private async Task<List<AuditRecordEntity>> GatewayRecordsAsync(params string[] keyIds)
    {
        var actors = keyIds.Select(id => $"key:{id}").ToList();
        var database = TiergateDatabase.Open(new StorageOptions(Path.GetTempPath(), cluster.Shared.Variables["TIERGATE_DATABASE__CONNECTION"]));
        await using var db = database.CreateContext();
        return await db.Set<AuditRecordEntity>().AsNoTracking()
            .Where(r => r.Action == "gateway.request" && r.Outcome == "ok" && actors.Contains(r.Actor))
            .OrderBy(r => r.Sequence)
            .ToListAsync();
    }

    private static async Task<List<Result>> SequentialAsync(HttpClient client, int count)
    {
        var results = new List<Result>();
        for (var i = 0; i < count; i++)
        {
            results.Add(await SendAsync(client, "standard"));
        }

        return results;
    }

    private static async Task<Result> SendAsync(HttpClient client, string model, int? maxTokens = null)
    {
        using var response = await Chat.PostAsync(client, model, maxTokens: maxTokens);
        var body = await response.Content.ReadAsStringAsync();
        var json = JsonNode.Parse(body);
        return new Result(client, response.StatusCode, (string?)json?["error"]?["code"], (int?)json?["usage"]?["total_tokens"] ?? 0);
    }

    private sealed record Result(HttpClient Client, HttpStatusCode Status, string? Code, int TotalTokens);
}
