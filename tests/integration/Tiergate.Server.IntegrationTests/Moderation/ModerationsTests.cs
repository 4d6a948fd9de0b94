using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenAI;
using OpenAI.Moderations;
using Tiergate.Server.IntegrationTests.Guards;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Gateway;

namespace Tiergate.Server.IntegrationTests.Moderation;

/// <summary><c>POST /v1/moderations</c>: OpenAI's moderation API on Tiergate's screening, with the official client and raw HTTP.</summary>
public sealed class ModerationsTests
{
    private static ModerationClient Client(GatewayHost host, string key) =>
        new("omni-moderation-latest", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = host.OpenAiEndpoint });

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ClassifyText_OfficialClient_HazardFlaggedAsIllicitViolentBenignNot(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        var client = Client(host, await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        ModerationResult hazard = await client.ClassifyTextAsync(ScreeningGatewayTests.BioPrompt);
        ModerationResult benign = await client.ClassifyTextAsync("What is the history of smallpox eradication?");

        Assert.True(hazard.Flagged);
        Assert.True(hazard.IllicitViolent.Flagged);
        Assert.True(hazard.Illicit.Flagged);
        Assert.True(hazard.IllicitViolent.Score > 0.5f);
        Assert.False(hazard.Hate.Flagged);
        Assert.False(benign.Flagged);
        Assert.False(benign.IllicitViolent.Flagged);
        Assert.Empty(host.Upstream.Requests); // no model is called
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ClassifyText_OfficialClientSeveralInputs_OneResultEach(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        var client = Client(host, await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        ModerationResultCollection results = await client.ClassifyTextAsync(["hello there", ScreeningGatewayTests.BioPrompt]);

        Assert.Equal([false, true], results.Select(r => r.Flagged));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Post_Raw_TiergateCategoriesScoresAndVerdictBesideOpenAis(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var response = await client.PostAsJsonAsync("/v1/moderations", new { input = new[] { new { type = "text", text = ScreeningGatewayTests.BioPrompt } } });
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["results"]![0]!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("general", response.Headers.GetValues("X-Tiergate-Tier").Single());
        var own = result["tiergate"]!;
        Assert.Equal("general", (string?)own["tier"]);
        Assert.Equal("block", (string?)own["verdict"]);
        Assert.True((bool)own["categories"]!["bio"]!);
        Assert.False((bool)own["categories"]!["cyber"]!);
        Assert.True((double)own["scores"]!["bio"]! > 0.5);
        Assert.Equal(13, result["categories"]!.AsObject().Count);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Post_TierHeader_ScreensWithThatTiersInputProfile(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general", "safety-research")));
        client.DefaultRequestHeaders.Add("X-Tiergate-Tier", "safety-research");

        using var response = await client.PostAsJsonAsync("/v1/moderations", new { input = ScreeningGatewayTests.BioPrompt });
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["results"]![0]!;

        Assert.Equal("safety-research", (string?)result["tiergate"]!["tier"]);
        Assert.Equal("flag", (string?)result["tiergate"]!["verdict"]);
        Assert.True((bool)result["flagged"]!);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Post_TierNotHeld_SameAnswerAsChat(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        client.DefaultRequestHeaders.Add("X-Tiergate-Tier", "medical-research");

        using var moderation = await client.PostAsJsonAsync("/v1/moderations", new { input = "hello" });
        using var chat = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard"));

        Assert.Equal(HttpStatusCode.NotFound, moderation.StatusCode);
        Assert.Equal(await Chat.ErrorCodeAsync(chat), await Chat.ErrorCodeAsync(moderation));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Post_NoKey_401AsChat(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        using var client = host.Client();

        using var response = await client.PostAsJsonAsync("/v1/moderations", new { input = "hello" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("missing_api_key", await Chat.ErrorCodeAsync(response));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Post_Audited_WithTierVerdictAndCategoriesNeverText(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var response = await client.PostAsJsonAsync("/v1/moderations", new { input = ScreeningGatewayTests.BioPrompt });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = host.Store.Database.CreateContext();
        var record = await db.Set<AuditRecordEntity>().AsNoTracking().SingleAsync(r => r.Action == "gateway.moderation");
        Assert.Equal("block", record.Outcome);
        Assert.Contains("\"categories\":\"bio\"", record.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("anthrax", record.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Post_CountedAgainstRequestsPerMinute(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend, yaml => yaml.Replace("requests_per_minute: 60", "requests_per_minute: 2", StringComparison.Ordinal));
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var first = await client.PostAsJsonAsync("/v1/moderations", new { input = "hello" });
        using var second = await Chat.PostAsync(client, "standard");
        using var third = await client.PostAsJsonAsync("/v1/moderations", new { input = "hello" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("rate_limited", await Chat.ErrorCodeAsync(third));
    }

    public static TheoryData<string, int, string, string?> BadBodies => new()
    {
        // body, status, code, param
        { "", 400, "invalid_request", null },
        { "not json", 400, "invalid_request", null },
        { "[]", 400, "invalid_request", null },
        { "{}", 400, "invalid_request", "input" },
        { """{"input":5}""", 400, "invalid_request", "input" },
        { """{"input":null}""", 400, "invalid_request", "input" },
        { """{"input":[]}""", 400, "invalid_request", "input" },
        { """{"input":[1]}""", 400, "invalid_request", "input[0]" },
        { """{"input":["a",{"type":"text","text":"b"}]}""", 400, "invalid_request", "input" },
        { """{"input":[{"type":"text"}]}""", 400, "invalid_request", "input[0].text" },
        { """{"input":[{"type":"video"}]}""", 400, "invalid_request", "input[0].type" },
        { """{"input":[{"type":"image_url","image_url":{"url":"https://example.org/a.png"}}]}""", 400, "modality_not_allowed", "input[0]" },
        { """{"input":"a","model":5}""", 400, "invalid_request", "model" },
        { """{"input":"a","temperature":1}""", 400, "unsupported_parameter", "temperature" },
        { """{"input":"a","input":"b"}""", 400, "invalid_request", null },
        { """{"input":"\udc00"}""", 400, "invalid_request", "input" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Post_BadBody_400WithStableCodeAndParam(string body, int status, string code, string? param)
    {
        await using var host = await GatewayHost.StartAsync(Tiergate.Testing.Storage.TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var response = await client.PostAsync("/v1/moderations", new StringContent(body, Encoding.UTF8, "application/json"));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, (string?)error["code"]);
        Assert.Equal(param, (string?)error["param"]);
    }

    [Fact]
    public async Task Post_TooManyInputs_400()
    {
        await using var host = await GatewayHost.StartAsync(Tiergate.Testing.Storage.TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var response = await client.PostAsJsonAsync("/v1/moderations", new { input = Enumerable.Repeat("a", 65).ToArray() });

        Assert.Equal("invalid_request", await Chat.ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Post_GetMethod_405()
    {
        await using var host = await GatewayHost.StartAsync(Tiergate.Testing.Storage.TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var response = await client.GetAsync("/v1/moderations");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Post_TierWithGuard_GuardCategoriesInBothViews()
    {
        await using var guard = await FakeGuard.StartAsync();
        await using var host = await GuardHost.StartAsync(Tiergate.Testing.Storage.TestStore.Sqlite, guard);
        var client = Client(host, await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        ModerationResult result = await client.ClassifyTextAsync("a hurtful rant about my neighbours");

        Assert.True(result.Flagged);
        Assert.True(result.Hate.Flagged); // Llama Guard's S10, a category the general profile does not name: blocked
        Assert.Single(guard.Requests);
    }

    [Fact]
    public async Task Post_TierWithGuardDown_FailsClosed503()
    {
        await using var guard = await FakeGuard.StartAsync();
        guard.FailWithStatus = 502;
        await using var host = await GuardHost.StartAsync(Tiergate.Testing.Storage.TestStore.Sqlite, guard);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var response = await client.PostAsJsonAsync("/v1/moderations", new { input = "hello" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("guard_unavailable", await Chat.ErrorCodeAsync(response));
    }
}
