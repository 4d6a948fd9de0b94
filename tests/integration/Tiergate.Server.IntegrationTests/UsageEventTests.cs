using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tiergate.Core.Policy;
using Tiergate.Monitoring.Events;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests;

/// <summary>Every request leaves usage events behind, shaped by its tier's privacy mode and never carrying text.</summary>
public sealed class UsageEventTests
{
    private const string Planted = "zqxplanted4711 marker text";

    [Fact]
    public async Task Request_Answered_AdmittedThenCompletedWithEveryField()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        var email = await host.UserWithTiersAsync("general");
        var key = await host.GoodKeyAsync(email);
        using var client = host.Client(key);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("events-test/1.0");

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", maxTokens: 50, text: Planted));
        var events = await host.Events.AfterRequestsAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([UsageEventKinds.Admitted, UsageEventKinds.Completed], events.Select(e => e.Kind));
        foreach (var e in events)
        {
            Assert.Equal(key[3..15], e.KeyId);
            Assert.NotNull(e.UserId);
            Assert.Equal(("general", "standard"), (e.Tier, e.Variant));
            Assert.Equal("127.0.0.1", e.ClientAddress);
            Assert.Equal("events-test/1.0", e.UserAgent);
            Assert.Equal(PrivacyMode.Full, e.Privacy);
        }

        var admitted = events[0];
        Assert.Equal(50, admitted.CompletionTokens);
        Assert.True(admitted.PromptTokens > 0);
        Assert.NotNull(admitted.Sketch);
        var completed = events[1];
        Assert.Equal("Completed", completed.Code);
        Assert.True(completed.PromptTokens > 0 && completed.CompletionTokens > 0, "the upstream's usage");
        Assert.True(completed.Latency > TimeSpan.Zero);
        Assert.DoesNotContain("zqxplanted", JsonSerializer.Serialize(events), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Request_BadKeyOrVariantOrLimit_OneDeniedEventWithCode()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite, yaml => yaml.Replace("requests_per_minute: 60", "requests_per_minute: 1", StringComparison.Ordinal));
        var key = await host.GoodKeyAsync(await host.UserWithTiersAsync("general"));

        using (var anonymous = await Chat.PostAsync(host.Client("tg_not_a_key"), "standard"))
        using (var notAllowed = await Chat.PostAsync(host.Client(key), "reduced-refusal"))
        using (var first = await Chat.PostAsync(host.Client(key), "standard"))
        using (var limited = await Chat.PostAsync(host.Client(key), "standard"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        }

        var events = await host.Events.AfterRequestsAsync(4);
        var denied = events.Where(e => e.Kind == UsageEventKinds.Denied).ToList();
        Assert.Equal(["invalid_api_key", "model_not_allowed", "rate_limited"], denied.Select(e => e.Code));
        Assert.Null(denied[0].UserId);
        Assert.Equal("127.0.0.1", denied[0].ClientAddress);
        Assert.NotNull(denied[1].UserId);
        Assert.Equal("reduced-refusal", denied[1].Variant);
        Assert.Equal("general", denied[2].Tier);
        Assert.Single(events, e => e.Kind == UsageEventKinds.Completed);
    }

    [Fact]
    public async Task Models_BadKey_DeniedEvent()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);

        using var response = await host.Client("tg_not_a_key").GetAsync("/v1/models");
        var denied = Assert.Single(await host.Events.AfterRequestsAsync());

        Assert.Equal((HttpStatusCode.Unauthorized, UsageEventKinds.Denied, "invalid_api_key"), (response.StatusCode, denied.Kind, denied.Code));
    }

    [Fact]
    public async Task Moderation_HazardAndBenignInputs_OneBlockEventThenCompletedSeenByMonitoring()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var response = await client.PostAsJsonAsync("/v1/moderations", new { input = new[] { "hello there", ScreeningGatewayTests.BioPrompt } });
        var events = await host.Events.AfterRequestsAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([UsageEventKinds.SafeguardBlock, UsageEventKinds.Completed], events.Select(e => e.Kind));
        Assert.Equal(("bio", "input", "moderations"), (events[0].Category, events[0].Direction, events[0].Variant));
        Assert.Equal("moderated", events[1].Code);
    }

    [Fact]
    public async Task Request_BlockedPrompt_BlockThenDeniedEvent()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", text: ScreeningGatewayTests.BioPrompt));
        var events = await host.Events.AfterRequestsAsync();

        Assert.Equal([UsageEventKinds.SafeguardBlock, UsageEventKinds.Denied], events.Select(e => e.Kind));
        Assert.Equal("content_blocked", events[1].Code);
    }

    [Theory]
    [InlineData("full", true, true)]
    [InlineData("metadata-only", true, false)]
    [InlineData("aggregate", false, false)]
    public async Task Event_PrivacyMode_DecidesSketchAndTerms(string privacy, bool sketch, bool terms)
    {
        // safety-research flags bio in prompts; its privacy mode is set here.
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite, yaml => WithPrivacy(yaml, "safety-research", privacy));
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("safety-research")));
        client.DefaultRequestHeaders.Add("X-Tiergate-Tier", "safety-research");

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("reduced-refusal", text: ScreeningGatewayTests.BioPrompt + " " + Planted));
        var events = await host.Events.AfterRequestsAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(sketch, events.Single(e => e.Kind == UsageEventKinds.Admitted).Sketch is not null);
        Assert.Equal(terms, events.Single(e => e.Kind == UsageEventKinds.SafeguardFlag).MatchedTerms is not null);
        Assert.All(events, e => Assert.Equal(privacy, e.Privacy switch { PrivacyMode.Full => "full", PrivacyMode.MetadataOnly => "metadata-only", _ => "aggregate" }));
        Assert.DoesNotContain("zqxplanted", JsonSerializer.Serialize(events), StringComparison.OrdinalIgnoreCase);
    }

    private static string WithPrivacy(string yaml, string tier, string privacy)
    {
        var start = yaml.IndexOf($"  - name: {tier}", StringComparison.Ordinal);
        var at = yaml.IndexOf("privacy: ", start, StringComparison.Ordinal);
        var end = yaml.IndexOf('\n', at);
        return yaml[..at] + "privacy: " + privacy + yaml[end..];
    }
}
