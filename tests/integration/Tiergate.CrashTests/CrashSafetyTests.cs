using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tiergate.Storage;
using Tiergate.Storage.Audit;
using Xunit.Abstractions;

namespace Tiergate.CrashTests;

/// <summary>
/// Kills the real server with SIGKILL under write load, again and again. Every request the client
/// saw succeed must have its audit record (the gateway appends one, durably, before calling the
/// model), the chain must verify, and SQLite's integrity check must pass.
/// </summary>
public sealed partial class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Kills = 20;
    private const int Clients = 16;

    [Fact]
    public async Task Serve_KilledUnderLoad20Times_EverySuccessAuditedAndChainIntact()
    {
        var data = Path.Combine(Path.GetTempPath(), "tiergate-crash-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var config = Path.Combine(data, "policy.yaml");
        var sample = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"));
        await File.WriteAllTextAsync(config, Unlimited(sample));

        var (userExit, _, userErr) = await ServerProcess.RunCliAsync(data, config, "users", "add", "--email", "crash@example.org");
        Assert.True(userExit == 0, userErr);
        var (keyExit, keyOut, keyErr) = await ServerProcess.RunCliAsync(data, config, "keys", "create", "--user", "crash@example.org", "--json");
        Assert.True(keyExit == 0, keyErr);
        var apiKey = (string)JsonNode.Parse(keyOut)!["key"]!;
        var storage = new StorageOptions(data);
        var database = TiergateDatabase.Open(storage);

        long totalAcknowledged = 0;
        for (var round = 0; round < Kills; round++)
        {
            var before = await CountAdmittedAsync(database);
            using var server = await ServerProcess.StartAsync(data, config);
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            using var stop = new CancellationTokenSource();
            var acknowledged = 0L;
            var load = Enumerable.Range(0, Clients).Select(async client =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        using var body = new StringContent($$"""{"model":"standard","messages":[{"role":"user","content":"round {{round}} client {{client}}"}]}""", Encoding.UTF8, "application/json");
                        using var response = await http.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), body);
                        var text = await response.Content.ReadAsStringAsync();
                        if (response.IsSuccessStatusCode && text.Contains("\"choices\"", StringComparison.Ordinal))
                        {
                            Interlocked.Increment(ref acknowledged);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
                    {
                        // The server died mid-request: the client never saw this one succeed.
                    }
                }
            }).ToList();

            // Let the server warm up (first requests JIT), then kill it at a random moment under load.
            for (var waited = 0; Interlocked.Read(ref acknowledged) == 0 && waited < 600; waited++)
            {
                await Task.Delay(50);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200 + Random.Shared.Next(1000)));
            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(load);

            var after = await CountAdmittedAsync(database);
            Assert.True(acknowledged > 0, $"round {round}: no request succeeded before the kill, so the round proves nothing");
            Assert.True(after - before >= acknowledged,
                $"round {round}: the client saw {acknowledged} requests succeed but only {after - before} admitted requests were audited");
            totalAcknowledged += acknowledged;
        }

        using var key = AuditSigningKey.TryLoad(storage);
        Assert.NotNull(key);
        var verification = await AuditDatabaseVerifier.VerifyAsync(database.CreateContext, key.VerificationKey);
        Assert.True(verification.Ok, verification.Problem);
        Assert.True(verification.RecordsChecked >= totalAcknowledged);
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={storage.SqlitePath}");
        await connection.OpenAsync();
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
        output.WriteLine($"{Kills} kills; {totalAcknowledged} acknowledged requests; {verification.RecordsChecked} audit records verified.");
    }

    private static async Task<long> CountAdmittedAsync(TiergateDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Set<AuditRecordEntity>().LongCountAsync(r => r.Action == "gateway.request" && r.Outcome == "ok");
    }

    private static string Unlimited(string policy)
    {
        var text = RequestsPerMinute().Replace(policy, "requests_per_minute: 100000000");
        return TokensPerDay().Replace(text, "tokens_per_day: 100000000000");
    }

    [GeneratedRegex(@"requests_per_minute:\s*\d+")]
    private static partial Regex RequestsPerMinute();

    [GeneratedRegex(@"tokens_per_day:\s*\d+")]
    private static partial Regex TokensPerDay();
}
