using System.Globalization;
using System.Net.Http.Json;
using OpenAI.Chat;
using Tiergate.Monitoring.Events;
using Tiergate.Server.Gateway;
using Tiergate.Storage.Responses;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests.Responses;

/// <summary>
/// Issue 15, point 5: graduated responses on the real gateway. An automatic response takes effect on the next request
/// and a reviewer's reversal restores access, with audit records either way; confirm-mode responses do nothing until
/// confirmed; fallback answers with the tier's stricter variant and says so.
/// </summary>
public sealed class ResponseEnforcementTests
{
    [Theory]
    [InlineData("suspend-key", 403, "key_suspended")]
    [InlineData("suspend-grant", 403, "grant_suspended")]
    [InlineData("require-reauth", 401, "reauthentication_required")]
    public async Task AutomaticRefusal_NextRequest_RefusedAuditedAndReversalRestoresAccess(string action, int status, string code)
    {
        await using var scene = await ResponseScene.StartAsync(TestStore.Sqlite, $"{{ detector: new_country, action: {action}, mode: automatic }}");
        Assert.Null(await scene.CallAsync());

        var (_, responses) = await scene.FireAsync("new_country");
        var response = Assert.Single(responses);
        Assert.Equal((action, ResponseStatus.Active, "automatic"), (response.Action, response.Status, response.Mode));
        var upstreamCalls = scene.Host.Upstream.Requests.Count;

        Assert.Equal((status, code), await scene.CallAsync());
        Assert.Equal(upstreamCalls, scene.Host.Upstream.Requests.Count);
        Assert.Contains((Subject(response), "ok"), await scene.AuditAsync("response.create"));
        Assert.Contains(await scene.AuditAsync("gateway.deny"), r => r.Outcome == code);
        var events = await scene.Host.Events.AfterRequestsAsync(2);
        Assert.Contains(events, e => e.Kind == UsageEventKinds.Denied && e.Code == code && e.UserId == scene.UserId);

        var reversed = await scene.Store.ReverseAsync(response.Id, "Travel confirmed with the user.", "cli:test");

        Assert.Equal(ResponseStatus.Reversed, reversed.Status);
        Assert.Null(await scene.CallAsync());
        Assert.Contains((Subject(response), "ok"), await scene.AuditAsync("response.reverse"));
    }

    [Fact]
    public async Task AutomaticThrottle_NextRequests_CutToATenthAndReversalRestoresTheRate()
    {
        // safety-research set to 30 requests a minute (a token every 2 s); the sample throttles on rate_spike, automatically.
        await using var scene = await ResponseScene.StartAsync(TestStore.Sqlite, edit: SafetyResearchPerMinute(30));
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(await scene.CallAsync());
        }

        var (_, responses) = await scene.FireAsync("rate_spike");
        Assert.Equal(("throttle", ResponseStatus.Active), (Assert.Single(responses).Action, responses[0].Status));

        var admitted = 0;
        (int Status, string? Code)? refusal = null;
        while (refusal is null && admitted <= 4)
        {
            refusal = await scene.CallAsync();
            admitted += refusal is null ? 1 : 0;
        }

        Assert.Equal((429, "rate_limited"), refusal);
        Assert.InRange(admitted, 0, 3); // 30 / 10 a minute: at most 3 more before the refusal
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // enough for the tier's own rate, not for a tenth of it
        Assert.Equal((429, "rate_limited"), await scene.CallAsync());

        await scene.Store.ReverseAsync(responses[0].Id, "Batch job announced in advance.", "cli:test");
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.Null(await scene.CallAsync());
        Assert.Contains((Subject(responses[0]), "ok"), await scene.AuditAsync("response.reverse"));
        Assert.Contains(await scene.AuditAsync("gateway.deny"), r => r.Outcome == "rate_limited");
    }

    private static Func<string, string> SafetyResearchPerMinute(int rpm) => yaml =>
    {
        const string Original = "requests_per_minute: 120";
        var at = yaml.IndexOf(Original, yaml.IndexOf("- name: safety-research", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(at > 0);
        return yaml[..at] + $"requests_per_minute: {rpm}" + yaml[(at + Original.Length)..];
    };

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AutomaticFallback_NextRequest_AnsweredByTheFallbackVariantInBodyAndHeader(string backend)
    {
        // The sample's safety-research falls back to 'standard' on circumvention, automatically.
        await using var scene = await ResponseScene.StartAsync(backend);
        var before = await scene.Client().CompleteChatAsync([new UserChatMessage("Say hello")]);
        Assert.Equal("reduced-refusal", before.Value.Model);
        Assert.Equal("reduced-refusal", Header(before.GetRawResponse(), ChatCompletionsEndpoint.VariantHeader));

        var (_, responses) = await scene.FireAsync("circumvention");
        var response = Assert.Single(responses);
        Assert.Equal(("fallback", ResponseStatus.Active), (response.Action, response.Status));
        var after = await scene.Client().CompleteChatAsync([new UserChatMessage("Say hello")]);

        Assert.Equal("standard", after.Value.Model);
        Assert.Equal("standard", Header(after.GetRawResponse(), ChatCompletionsEndpoint.VariantHeader));
        Assert.Equal("sample-standard", (string?)scene.Host.Upstream.Requests.Last().Body["model"]);
        Assert.Equal("Hello from the fake upstream", after.Value.Content[0].Text);

        await scene.Store.ReverseAsync(response.Id, "Blocks were a test harness.", "cli:test");
        var restored = await scene.Client().CompleteChatAsync([new UserChatMessage("Say hello")]);
        Assert.Equal("reduced-refusal", restored.Value.Model);
        Assert.Equal("sample-reduced-refusal", (string?)scene.Host.Upstream.Requests.Last().Body["model"]);
    }

    [Fact]
    public async Task AutomaticFallback_Stream_EveryChunkAndTheHeaderNameTheFallbackVariant()
    {
        await using var scene = await ResponseScene.StartAsync(TestStore.Sqlite);
        await scene.FireAsync("circumvention");

        var models = new HashSet<string>(StringComparer.Ordinal);
        var text = new System.Text.StringBuilder();
        await foreach (var update in scene.Client().CompleteChatStreamingAsync([new UserChatMessage("Say hello")]))
        {
            if (update.Model is { Length: > 0 } model)
            {
                models.Add(model);
            }

            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        using var http = scene.Host.Client(scene.Key);
        using var raw = await http.PostAsJsonAsync("/v1/chat/completions", new { model = "reduced-refusal", stream = true, messages = new[] { new { role = "user", content = "Say hello" } } });
        var events = await raw.Content.ReadAsStringAsync();

        Assert.Equal(["standard"], models);
        Assert.Equal("Hello from the fake upstream", text.ToString());
        Assert.Equal("standard", raw.Headers.GetValues(ChatCompletionsEndpoint.VariantHeader).Single());
        Assert.Contains("\"model\":\"standard\"", events, StringComparison.Ordinal);
        Assert.DoesNotContain("reduced-refusal", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmMode_Pending_NoEffectUntilConfirmedThenRefused()
    {
        // The sample suspends the key on key_sharing once a reviewer confirms.
        await using var scene = await ResponseScene.StartAsync(TestStore.Sqlite);
        var (_, responses) = await scene.FireAsync("key_sharing");
        var response = Assert.Single(responses);
        Assert.Equal(("suspend-key", ResponseStatus.Pending, "confirm", scene.KeyId), (response.Action, response.Status, response.Mode, response.KeyId));

        Assert.Null(await scene.CallAsync());
        Assert.Null(await scene.CallAsync());

        var confirmed = await scene.Store.ConfirmAsync(response.Id, "Same key from three countries at once.", "user:1");

        Assert.Equal(ResponseStatus.Active, confirmed.Status);
        Assert.Equal((403, "key_suspended"), await scene.CallAsync());
        Assert.Contains((Subject(response), "ok"), await scene.AuditAsync("response.confirm"));
    }

    [Fact]
    public async Task Decline_PendingResponse_NeverTakesEffectAndLaterDecisionsAreRefusedWithStableCodes()
    {
        await using var scene = await ResponseScene.StartAsync(TestStore.Sqlite);
        var (_, responses) = await scene.FireAsync("key_sharing");
        var response = Assert.Single(responses);

        var declined = await scene.Store.DeclineAsync(response.Id, "Office NAT, one user.", "user:1");
        var confirmAgain = await Assert.ThrowsAsync<Core.Errors.TiergateException>(() => scene.Store.ConfirmAsync(response.Id, "Changed my mind.", "user:1"));
        var reverseDeclined = await Assert.ThrowsAsync<Core.Errors.TiergateException>(() => scene.Store.ReverseAsync(response.Id, "Nothing to reverse.", "user:1"));
        var unknown = await Assert.ThrowsAsync<Core.Errors.TiergateException>(() => scene.Store.ConfirmAsync(response.Id + 1000, "Which one?", "user:1"));
        var noReason = await Assert.ThrowsAsync<Core.Errors.TiergateException>(() => scene.Store.ConfirmAsync(response.Id, " ", "user:1"));

        Assert.Equal(ResponseStatus.Declined, declined.Status);
        Assert.Null(await scene.CallAsync());
        Assert.Equal(("response_wrong_state", "response_wrong_state", "unknown_response", "invalid_argument"), (confirmAgain.Code.Name, reverseDeclined.Code.Name, unknown.Code.Name, noReason.Code.Name));
        Assert.Equal([(Subject(response), "ok")], await scene.AuditAsync("response.decline"));
        Assert.Equal(3, (await scene.AuditAsync("response.confirm")).Count(r => r.Outcome == "denied"));
        Assert.Contains((Subject(response), "denied"), await scene.AuditAsync("response.reverse"));
    }

    [Fact]
    public async Task SameDetectorAgain_ResponseAlreadyInForce_NotMadeTwice()
    {
        await using var scene = await ResponseScene.StartAsync(TestStore.Sqlite);
        await scene.FireAsync("circumvention");

        var (_, second) = await scene.FireAsync("circumvention");

        Assert.Empty(second);
        Assert.Single(await scene.Store.ListAsync(ResponseStatus.Active));
    }

    [Fact]
    public async Task Models_KeySuspendedOrGrantSuspended_RefusedOrTierLeftOut()
    {
        await using var scene = await ResponseScene.StartAsync(TestStore.Sqlite, "{ detector: new_country, action: suspend-grant, mode: automatic }");
        await scene.Host.Admin.Grants.AddAsync(scene.Email, "general", null, "test");
        var models = new OpenAI.OpenAIClient(new System.ClientModel.ApiKeyCredential(scene.Key), new OpenAI.OpenAIClientOptions { Endpoint = scene.Host.OpenAiEndpoint }).GetOpenAIModelClient();
        Assert.Equal(["standard", "reduced-refusal"], (await models.GetModelsAsync()).Value.Select(m => m.Id).ToList());

        await scene.FireAsync("new_country");
        Assert.Equal(["standard"], (await models.GetModelsAsync()).Value.Select(m => m.Id).ToList());

        var (_, keyResponses) = await scene.FireAsync("key_sharing");
        await scene.Store.ConfirmAsync(Assert.Single(keyResponses).Id, "Shared key.", "user:1");
        var refused = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => models.GetModelsAsync());
        Assert.Equal(403, refused.Status);
    }

    private static string Subject(ResponseView response) => $"response:{response.Id.ToString(CultureInfo.InvariantCulture)}";

    private static string? Header(System.ClientModel.Primitives.PipelineResponse response, string name) =>
        response.Headers.TryGetValue(name, out var value) ? value : null;
}
