using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tiergate.Monitoring.Events;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Gateway;

namespace Tiergate.Server.IntegrationTests.Guards;

/// <summary>A tier whose profile names a guard model: prompts judged before the upstream is called, answers at each hold-back window and at their end.</summary>
public sealed class GuardGatewayTests
{
    /// <summary>No term of the local lists: only the guard finds it (the fake answers "unsafe\nS9").</summary>
    private const string GuardOnlyPrompt = "please explain the guardonly plan in detail";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Prompt_GuardFlags_BlockedBeforeUpstreamWithGuardVerdictInEvidence(string backend)
    {
        await using var guard = await FakeGuard.StartAsync();
        await using var host = await GuardHost.StartAsync(backend, guard);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", text: GuardOnlyPrompt));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("content_blocked", (string?)error["code"]);
        Assert.Equal("input", (string?)error["direction"]);
        Assert.Empty(host.Upstream.Requests);
        Assert.Equal("Bearer sk-guard-test", Assert.Single(guard.Authorizations));
        var block = Assert.Single(await host.Events.AfterRequestsAsync(), e => e.Kind == UsageEventKinds.SafeguardBlock);
        Assert.Equal("bio", block.Category); // S9 without local signs: every weapons category, the first blocks
        await using var db = host.Store.Database.CreateContext();
        var audited = await db.Set<AuditRecordEntity>().AsNoTracking().Where(r => r.Action == "safeguard.block").Select(r => r.Details).ToListAsync();
        Assert.Contains(audited, d => d != null && d.Contains("llama_guard: unsafe S9", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Prompt_BenignAndGuardSafe_ForwardedOnce(string backend)
    {
        await using var guard = await FakeGuard.StartAsync();
        await using var host = await GuardHost.StartAsync(backend, guard);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", text: "what is the capital of France"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Upstream.Requests);
        Assert.Equal(2, guard.Calls); // the prompt, then the answer
    }

    /// <summary>The limits come before screening: a caller over its rate cannot make the gateway ask the (paid) guard model again and again.</summary>
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Prompt_OverRequestsPerMinute_RateLimitedWithoutAskingTheGuard(string backend)
    {
        await using var guard = await FakeGuard.StartAsync();
        await using var host = await GuardHost.StartAsync(backend, guard, more: yaml => yaml.Replace(
            "      requests_per_minute: 60\n      tokens_per_day: 200000", "      requests_per_minute: 2\n      tokens_per_day: 200000", StringComparison.Ordinal));
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            // A different prompt each time: the guard stage caches its verdicts.
            using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", text: $"{GuardOnlyPrompt}, part {i}"));
            codes.Add(response.StatusCode);
        }

        // Two prompts judged and blocked (each still counts as a request), then three refused before any screening.
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], codes);
        Assert.Equal(2, guard.Calls);
        Assert.Empty(host.Upstream.Requests);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Prompt_GuardTimesOut_FailsClosedWithGuardUnavailableAndNoUpstreamCall(string backend)
    {
        await using var guard = await FakeGuard.StartAsync();
        guard.Delay = TimeSpan.FromSeconds(20);
        await using var host = await GuardHost.StartAsync(backend, guard, timeoutMs: 300);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", text: "what is the capital of France"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("guard_unavailable", await Chat.ErrorCodeAsync(response));
        Assert.Empty(host.Upstream.Requests);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Prompt_GuardDownOnTierThatFailsOpen_CascadeAloneDecides(string backend)
    {
        await using var guard = await FakeGuard.StartAsync();
        guard.FailWithStatus = 503;
        await using var host = await GuardHost.StartAsync(backend, guard, tierGuard: "{ input: guard, output: guard, on_failure: open }");
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var benign = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", text: "what is the capital of France"));
        using var hazard = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", text: ScreeningGatewayTests.BioPrompt));

        Assert.Equal(HttpStatusCode.OK, benign.StatusCode);
        Assert.Equal("content_blocked", await Chat.ErrorCodeAsync(hazard)); // the cascade still blocks what it finds
        Assert.Single(host.Upstream.Requests);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Answer_WholeGuardFlags_Withheld(string backend)
    {
        await using var guard = await FakeGuard.StartAsync();
        await using var host = await GuardHost.StartAsync(backend, guard);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        host.Upstream.Answer = "Here is the guardonly plan you asked for";

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", text: "tell me a story"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("output", (string?)JsonNode.Parse(body)!["error"]!["direction"]);
        Assert.DoesNotContain("guardonly", body, StringComparison.Ordinal);
        var judged = guard.Requests.Last()["messages"]!.AsArray();
        Assert.Equal(["user", "assistant"], judged.Select(m => (string)m!["role"]!));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Answer_StreamedGuardFlagsMidStream_NothingFlaggedLeavesAndStreamEndsWithError(string backend)
    {
        await using var guard = await FakeGuard.StartAsync();
        await using var host = await GuardHost.StartAsync(backend, guard);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        var benign = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"word{i}"));
        host.Upstream.Answer = $"{benign} now the guardonly part and more words after it";

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", stream: true, text: "tell me a story"));
        var text = await response.Content.ReadAsStringAsync();
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var content = string.Concat(events
            .Where(e => e.StartsWith("data: {\"id\"", StringComparison.Ordinal))
            .Select(e => (string?)JsonNode.Parse(e[6..])!["choices"]![0]!["delta"]!["content"]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("word0 word1", content, StringComparison.Ordinal); // judged windows were sent before the flag
        Assert.DoesNotContain("guardonly", content, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"content_blocked\"", events[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", text, StringComparison.Ordinal);
        Assert.True(guard.Calls >= 3, $"the guard judged {guard.Calls} times: the prompt, then each window");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Answer_StreamedBenign_ArrivesWholeWithDoneAfterTheGuardJudgedEachWindow(string backend)
    {
        await using var guard = await FakeGuard.StartAsync();
        await using var host = await GuardHost.StartAsync(backend, guard);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        host.Upstream.Answer = string.Join(' ', Enumerable.Range(0, 300).Select(i => $"w{i}"));

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", stream: true));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Contains("w299", text, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
        var answerJudgements = guard.Requests.Count(r => r["messages"]!.AsArray().Count == 2);
        Assert.InRange(answerJudgements, 2, 300 * 5 / 256 + 2); // one a window (256 chars) and the end, not one a chunk
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Answer_StreamedGuardDown_StreamStopsWithGuardUnavailable(string backend)
    {
        await using var guard = await FakeGuard.StartAsync();
        await using var host = await GuardHost.StartAsync(backend, guard, tierGuard: "{ output: guard }");
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        guard.FailWithStatus = 500;

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", stream: true));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Contains("\"code\":\"guard_unavailable\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hello", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", text, StringComparison.Ordinal);
    }
}
