using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Tiergate.Core.Keys;
using Tiergate.Server.Gateway;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests;

/// <summary>
/// A flood of bad keys from one source: one audit record per source and minute with the count (in the signed
/// chain), further failures answered 429 with Retry-After, and a valid key from the same source unaffected.
/// </summary>
public sealed class AuthFailureThrottleTests
{
    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task BadKeys_200InAMinuteFromOneSource_FewAggregateRecordsThrottledAndValidKeyUnaffected(string provider)
    {
        var time = new FakeTimeProvider(StartOfNextMinute());
        await using var host = await GatewayHost.StartAsync(provider, time: time);
        var email = await host.UserWithTiersAsync("general");
        using var good = host.Client(await host.GoodKeyAsync(email));
        using var anonymous = host.Client();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 200; i++)
        {
            // Well-formed keys with unknown ids, malformed keys and no key at all.
            var key = (i % 3) switch { 0 => ApiKeyFormat.Generate().Key, 1 => "tg_not-a-key-" + i, _ => null };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent(Chat.Body("standard")) };
            if (key is not null)
            {
                request.Headers.Authorization = new("Bearer", key);
            }

            answers.Add(await anonymous.SendAsync(request));
        }

        using var validWhileThrottled = await Chat.PostAsync(good, "standard");
        using var modelsValid = await good.GetAsync("/v1/models");
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", ApiKeyFormat.Generate().Key);
        using var modelsBad = await anonymous.GetAsync("/v1/models");
        var recordsDuringTheMinute = await FailureRecordsAsync(host);

        Assert.All(answers.Take(AuthFailureThrottle.FailuresPerMinute), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.All(answers.Skip(AuthFailureThrottle.FailuresPerMinute), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode));
        var throttled = answers[^1];
        var error = JsonNode.Parse(await throttled.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(("too_many_auth_failures", "rate_limit_error", "TG1035"), ((string?)error["code"], (string?)error["type"], (string?)error["tiergate_code"]));
        Assert.NotNull(error["message"]);
        Assert.InRange(int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(HttpStatusCode.OK, validWhileThrottled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, modelsValid.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, modelsBad.StatusCode);
        Assert.Empty(recordsDuringTheMinute);
        Assert.DoesNotContain(await ActionsAsync(host), a => a == "gateway.deny");

        // Minute 1 is written once it ends (by the sweep or by the next failure, whichever comes first).
        time.Advance(TimeSpan.FromMinutes(1));
        anonymous.DefaultRequestHeaders.Authorization = null;
        using var nextMinute = await Chat.PostAsync(anonymous, "standard");
        var first = Assert.Single(await WaitForRecordsAsync(host, 1));

        Assert.Equal(HttpStatusCode.Unauthorized, nextMinute.StatusCode);
        Assert.Equal("127.0.0.1", (string?)first["client"]);
        Assert.Equal(201, Count(first, "count"));
        Assert.Equal(201 - AuthFailureThrottle.FailuresPerMinute, Count(first, "throttled"));
        Assert.Equal(66, Count(first, "missing_api_key"));
        Assert.Equal(135, Count(first, "invalid_api_key"));
        Assert.Equal("/v1/chat/completions,/v1/models", (string?)first["paths"]);

        // Minute 2 (the one failure above) is written by the sweep once it ends; minute 3 on shutdown.
        time.Advance(TimeSpan.FromMinutes(1));
        var afterSweep = await WaitForRecordsAsync(host, 2);
        time.Advance(TimeSpan.FromSeconds(5));
        using var lastMinute = await Chat.PostAsync(anonymous, "standard");
        await host.StopAsync();
        var all = await FailureRecordsAsync(host);

        Assert.Equal(1, Count(afterSweep[1], "count"));
        Assert.Equal([201, 1, 1], all.Select(r => Count(r, "count")));
        using var signer = AuditSigningKey.LoadOrCreate(host.Store.Options);
        var verified = await AuditDatabaseVerifier.VerifyAsync(host.Store.Database.CreateContext, signer.VerificationKey);
        Assert.True(verified.Ok, verified.Problem);
    }

    [Fact]
    public async Task BadKeys_ThrottledSource_OtherSourceStillAnswered401()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite, trustedProxies: ["127.0.0.1"], time: new FakeTimeProvider(StartOfNextMinute()));
        using var attacker = host.Client(ApiKeyFormat.Generate().Key);
        attacker.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        using var neighbour = host.Client(ApiKeyFormat.Generate().Key);
        neighbour.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.9");

        for (var i = 0; i < AuthFailureThrottle.FailuresPerMinute; i++)
        {
            using var _ = await Chat.PostAsync(attacker, "standard");
        }

        using var attackerAgain = await Chat.PostAsync(attacker, "standard");
        using var other = await Chat.PostAsync(neighbour, "standard");
        await host.StopAsync();
        var records = await FailureRecordsAsync(host);

        Assert.Equal(HttpStatusCode.TooManyRequests, attackerAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
        Assert.Equal(
            ["198.51.100.9:1", "203.0.113.7:21"],
            records.Select(r => $"{(string?)r["client"]}:{Count(r, "count")}").Order(StringComparer.Ordinal));
    }

    private static DateTimeOffset StartOfNextMinute()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1).AddSeconds(1);
    }

    private static System.Net.Http.Json.JsonContent JsonContent(JsonObject body) => System.Net.Http.Json.JsonContent.Create(body);

    private static int Count(JsonNode details, string name) => int.Parse((string)details[name]!, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<List<string>> ActionsAsync(GatewayHost host)
    {
        await using var db = host.Store.Database.CreateContext();
        return await db.Set<AuditRecordEntity>().AsNoTracking().Select(r => r.Action).ToListAsync();
    }

    private static async Task<List<JsonNode>> FailureRecordsAsync(GatewayHost host)
    {
        await using var db = host.Store.Database.CreateContext();
        var details = await db.Set<AuditRecordEntity>().AsNoTracking()
            .Where(r => r.Action == "gateway.auth_failures").OrderBy(r => r.Sequence).Select(r => r.Details!).ToListAsync();
        return details.Select(d => JsonNode.Parse(d)!).ToList();
    }

    private static async Task<List<JsonNode>> WaitForRecordsAsync(GatewayHost host, int count)
    {
        for (var i = 0; i < 100; i++)
        {
            var records = await FailureRecordsAsync(host);
            if (records.Count >= count)
            {
                return records;
            }

            await Task.Delay(50);
        }

        return await FailureRecordsAsync(host);
    }
}
