using System.Net;
using System.Net.Http.Json;
using System.Text;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests;

/// <summary>Each client mistake and upstream failure gets its OpenAI-shaped error and stable code.</summary>
public sealed class GatewayErrorTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ChatCompletions_MissingOrMalformedKey_Returns401(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);

        using var none = await Chat.PostAsync(host.Client(), "standard");
        using var malformed = await Chat.PostAsync(host.Client("tg_not_a_key"), "standard");
        using var forged = await Chat.PostAsync(host.Client(ForgedKey()), "standard");

        Assert.Equal((HttpStatusCode.Unauthorized, "missing_api_key"), (none.StatusCode, await Chat.ErrorCodeAsync(none)));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_api_key"), (malformed.StatusCode, await Chat.ErrorCodeAsync(malformed)));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_api_key"), (forged.StatusCode, await Chat.ErrorCodeAsync(forged)));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ChatCompletions_KeyRevokedAfterUse_RefusedFromNextRequest(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        var email = await host.UserWithTiersAsync("general");
        var created = await host.Admin.Keys.CreateAsync(email, null, [], "test");
        using var client = host.Client(created.Key);
        using var before = await Chat.PostAsync(client, "standard");

        await host.Admin.Keys.RevokeAsync(created.Id, "test");
        using var after = await Chat.PostAsync(client, "standard");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal("key_revoked", await Chat.ErrorCodeAsync(after));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ChatCompletions_GrantRevoked_RefusedFromNextRequest(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        var email = await host.UserWithTiersAsync("general", "safety-research");
        using var client = host.Client(await host.GoodKeyAsync(email));
        using var before = await Chat.PostAsync(client, "reduced-refusal");

        await host.Admin.Grants.RevokeAsync(email, "safety-research", "test");
        using var after = await Chat.PostAsync(client, "reduced-refusal");
        using var stillGeneral = await Chat.PostAsync(client, "standard");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, "model_not_found"), (after.StatusCode, await Chat.ErrorCodeAsync(after)));
        Assert.Equal(HttpStatusCode.OK, stillGeneral.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ChatCompletions_BadRequests_GetStableCodesAndNeverReachUpstream(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend, y => y.Replace("max_request_bytes: 1048576", "max_request_bytes: 4096", StringComparison.Ordinal));
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var unknown = await Chat.PostAsync(client, "no-such-model");
        using var notJson = await client.PostAsync("/v1/chat/completions", new StringContent("{not json", Encoding.UTF8, "application/json"));
        using var noMessages = await client.PostAsJsonAsync("/v1/chat/completions", new { model = "standard" });
        using var tooLarge = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", text: new string('x', 10_000)));
        using var badTokens = await client.PostAsJsonAsync("/v1/chat/completions", new { model = "standard", messages = new[] { new { role = "user", content = "hi" } }, max_tokens = -5 });

        Assert.Equal((HttpStatusCode.NotFound, "model_not_found"), (unknown.StatusCode, await Chat.ErrorCodeAsync(unknown)));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (notJson.StatusCode, await Chat.ErrorCodeAsync(notJson)));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (noMessages.StatusCode, await Chat.ErrorCodeAsync(noMessages)));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "request_too_large"), (tooLarge.StatusCode, await Chat.ErrorCodeAsync(tooLarge)));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (badTokens.StatusCode, await Chat.ErrorCodeAsync(badTokens)));
        Assert.Empty(host.Upstream.Requests);
    }

    [Fact]
    public async Task ChatCompletions_ParameterMistakes_NameTheParameterInErrorParam()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        var cases = new (string Body, string Param)[]
        {
            ("""{"model":"standard","messages":[{"role":"user","content":"hi"}],"stream":"yes"}""", "stream"),
            ("""{"model":"standard","messages":[{"role":"user","content":"hi"}],"n":0}""", "n"),
            ("""{"model":"standard","messages":[{"role":"user","content":"hi"}],"n":9}""", "n"),
            ("""{"model":"standard","messages":[{"role":"user","content":"hi"}],"max_tokens":"5"}""", "max_tokens"),
            ("""{"model":"standard","messages":[]}""", "messages"),
            ("""{"messages":[{"role":"user","content":"hi"}]}""", "model"),
            ("""{"model":"no-such","messages":[{"role":"user","content":"hi"}]}""", "model"),
        };

        foreach (var (body, param) in cases)
        {
            using var response = await client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
            var error = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

            Assert.Equal(param, (string?)error["param"]);
        }

        Assert.Empty(host.Upstream.Requests);
    }

    [Fact]
    public async Task ChatCompletions_UnknownVariantOtherTiersVariantOrTierNotHeld_OneIdenticalAnswerTrueReasonAudited()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        using var withTier = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        withTier.DefaultRequestHeaders.Add("X-Tiergate-Tier", "safety-research");

        using var unknown = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("probe"));
        using var outside = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("reduced-refusal"));
        using var tierNotHeld = await withTier.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard"));

        var bodies = new List<(HttpStatusCode StatusCode, string Body)>();
        foreach (var response in new[] { unknown, outside, tierNotHeld })
        {
            bodies.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        Assert.All(bodies, b => Assert.Equal(HttpStatusCode.NotFound, b.StatusCode));
        Assert.All(bodies, b => Assert.Equal("model_not_found", (string?)System.Text.Json.Nodes.JsonNode.Parse(b.Body)!["error"]!["code"]));
        Assert.Equal(bodies[1].Body.Replace("reduced-refusal", "probe", StringComparison.Ordinal), bodies[0].Body);
        Assert.Equal(bodies[2].Body.Replace("standard", "probe", StringComparison.Ordinal), bodies[0].Body);
        var denied = (await host.Events.AfterRequestsAsync(3)).Where(e => e.Kind == Tiergate.Monitoring.Events.UsageEventKinds.Denied).Select(e => e.Code).ToList();
        Assert.Equal(["model_not_found", "model_not_allowed", "tier_not_held"], denied);
    }

    [Fact]
    public async Task ChatCompletions_BodiesThatAreNotText_Get400NotA500AndNeverReachUpstream()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        var invalidUtf8 = Encoding.UTF8.GetBytes("""{"model":"standard","messages":[{"role":"user","content":"xx"}]}""");
        invalidUtf8[^6] = 0xC3;

        var bodies = new[]
        {
            invalidUtf8,
            Encoding.UTF8.GetBytes("""{"model":"standard","messages":[{"role":"user","content":"\ud800 alone"}]}"""),
            Encoding.UTF8.GetBytes("""{"model":"standard","messages":[{"role":"user","content":"hi"}],"stream":1}"""),
            Encoding.UTF8.GetBytes("""{"model":"standard","messages":[{"role":"user","content":"hi"}],"stream":"true"}"""),
        };
        foreach (var body in bodies)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await client.PostAsync("/v1/chat/completions", content);

            Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (response.StatusCode, await Chat.ErrorCodeAsync(response)));
        }

        Assert.Empty(host.Upstream.Requests);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ChatCompletions_UpstreamFails_Returns502WithoutUpstreamDetail(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        host.Upstream.FailWithStatus = 500;

        using var response = await Chat.PostAsync(client, "standard");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_error", await Chat.ErrorCodeAsync(response));
        Assert.DoesNotContain("sk-upstream", body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ChatCompletions_UpstreamSilentPastTimeout_Returns504(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend, y => y.Replace("upstream_timeout_seconds: 120", "upstream_timeout_seconds: 1", StringComparison.Ordinal));
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        host.Upstream.DelayBeforeHeaders = TimeSpan.FromSeconds(10);

        using var response = await Chat.PostAsync(client, "standard");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("upstream_timeout", await Chat.ErrorCodeAsync(response));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ChatCompletions_UpstreamUnreachable_Returns502(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend, y => System.Text.RegularExpressions.Regex.Replace(y, @"base_url: http://127\.0\.0\.1:\d+/v1", "base_url: http://127.0.0.1:9/v1"));
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var response = await Chat.PostAsync(client, "standard");

        Assert.Equal((HttpStatusCode.BadGateway, "upstream_error"), (response.StatusCode, await Chat.ErrorCodeAsync(response)));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ChatCompletions_Forwarded_UpstreamSeesItsCredentialNeverTheCallersKey(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        var key = await host.GoodKeyAsync(await host.UserWithTiersAsync("general"));
        using var client = host.Client(key);
        client.DefaultRequestHeaders.Add("X-Custom-Secret", "client-only");
        client.DefaultRequestHeaders.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        using var response = await Chat.PostAsync(client, "standard");
        var body = await response.Content.ReadAsStringAsync();

        var seen = Assert.Single(host.Upstream.Requests);
        Assert.Equal($"Bearer {GatewayHost.UpstreamCredential}", seen.Authorization);
        Assert.DoesNotContain("X-Custom-Secret", seen.HeaderNames, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain("traceparent", seen.HeaderNames, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(key, seen.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("sample-standard", (string?)seen.Body["model"]);
        Assert.DoesNotContain(GatewayHost.UpstreamCredential, body, StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers, h => h.Value.Any(v => v.Contains(GatewayHost.UpstreamCredential, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task UnknownRouteOrMethod_AnsweredInOpenAiShape()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);

        using var unknown = await host.Client().GetAsync("/v1/embeddings");
        using var wrongMethod = await host.Client().GetAsync("/v1/chat/completions");

        Assert.Equal((HttpStatusCode.NotFound, "route_not_found"), (unknown.StatusCode, await Chat.ErrorCodeAsync(unknown)));
        Assert.Equal((HttpStatusCode.MethodNotAllowed, "method_not_allowed"), (wrongMethod.StatusCode, await Chat.ErrorCodeAsync(wrongMethod)));
    }

    [Fact]
    public async Task HealthAndReadiness_Answer200()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);

        using var health = await host.Client().GetAsync("/healthz");
        using var ready = await host.Client().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private static string ForgedKey()
    {
        // Well-formed with a valid checksum, but never issued.
        var (_, key) = Core.Keys.ApiKeyFormat.Generate();
        return key;
    }
}
