using System.Net;
using System.Net.Http.Json;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests;

/// <summary>Rate limits and token quotas hold under concurrency and say when to retry.</summary>
public sealed class QuotaTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ChatCompletions_ConcurrentRequestsAgainstDailyQuota_NeverOverspend(string backend)
    {
        // Each request reserves its prompt estimate (about 5 tokens) plus max_tokens 100, so at most 9 of 1000 fit.
        await using var host = await GatewayHost.StartAsync(backend, y => y.Replace("tokens_per_day: 200000", "tokens_per_day: 1000", StringComparison.Ordinal));
        // Long enough that every request is reserved before the first answer settles (a settled answer frees the
        // unused part of its reservation, and one more request would then fit): 300 ms was not, on a loaded 2-core CI machine.
        host.Upstream.DelayBeforeHeaders = TimeSpan.FromSeconds(2);
        var key = await host.GoodKeyAsync(await host.UserWithTiersAsync("general"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            using var client = host.Client(key);
            using var response = await Chat.PostAsync(client, "standard", maxTokens: 100);
            return (response.StatusCode, Code: await Chat.ErrorCodeAsync(response), RetryAfter: response.Headers.RetryAfter);
        }));

        var admitted = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(admitted, 1, 9);
        Assert.Equal(40 - admitted, refused.Count);
        Assert.All(refused, r => Assert.Equal("quota_exceeded", r.Code));
        Assert.All(refused, r => Assert.NotNull(r.RetryAfter?.Delta));
        Assert.Equal(admitted, host.Upstream.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ChatCompletions_OverRequestsPerMinute_Returns429WithRetryAfter(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend, y => y.Replace("requests_per_minute: 60", "requests_per_minute: 3", StringComparison.Ordinal));
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await Chat.PostAsync(client, "standard");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("rate_limited", await Chat.ErrorCodeAsync(last!));
        Assert.InRange(last!.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 20);
        last.Dispose();
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ChatCompletions_AfterSettlement_UnusedReservationIsReturned(string backend)
    {
        // 1000 tokens a day; each request reserves ~505 but the upstream reports 12 used, so many fit in sequence.
        await using var host = await GatewayHost.StartAsync(backend, y => y.Replace("tokens_per_day: 200000", "tokens_per_day: 1000", StringComparison.Ordinal));
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        var ok = 0;
        for (var i = 0; i < 10; i++)
        {
            using var response = await Chat.PostAsync(client, "standard", maxTokens: 500);
            ok += response.IsSuccessStatusCode ? 1 : 0;
        }

        Assert.Equal(10, ok);
    }

    [Fact]
    public async Task ChatCompletions_SeveralChoices_ReservedForEachAndCapped()
    {
        // 1000 tokens a day: one choice of 300 fits, four choices of 300 cannot; nine choices pass the tier's cap of 8.
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite, y => y.Replace("tokens_per_day: 200000", "tokens_per_day: 1000", StringComparison.Ordinal));
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var four = await client.PostAsJsonAsync("/v1/chat/completions", new { model = "standard", messages = new[] { new { role = "user", content = "hi" } }, max_tokens = 300, n = 4 });
        using var nine = await client.PostAsJsonAsync("/v1/chat/completions", new { model = "standard", messages = new[] { new { role = "user", content = "hi" } }, max_tokens = 10, n = 9 });
        using var text = await client.PostAsync("/v1/chat/completions", new StringContent("""{"model":"standard","messages":[{"role":"user","content":"hi"}],"n":"2"}""", System.Text.Encoding.UTF8, "application/json"));
        using var one = await client.PostAsJsonAsync("/v1/chat/completions", new { model = "standard", messages = new[] { new { role = "user", content = "hi" } }, max_tokens = 300, n = 1 });

        Assert.Equal((HttpStatusCode.TooManyRequests, "quota_exceeded"), (four.StatusCode, await Chat.ErrorCodeAsync(four)));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (nine.StatusCode, await Chat.ErrorCodeAsync(nine)));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (text.StatusCode, await Chat.ErrorCodeAsync(text)));
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Single(host.Upstream.Requests);
    }
}
