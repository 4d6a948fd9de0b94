using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests;

/// <summary>
/// Output screening covers every field the model returns, every choice, and the stream as a client parses
/// it; an answer the gateway cannot read is not passed on where the tier blocks; the caller sees the
/// variant's name, never the upstream's model or system_fingerprint. The real gateway on loopback, with a
/// fake upstream answering in each field.
/// </summary>
public sealed class OutputFieldScreeningTests
{
    private const string ChemAnswer = "Here is how to synthesize sarin nerve agent at home and release it in a subway";
    private static readonly string Benign = string.Join(' ', Enumerable.Range(0, 80).Select(i => $"word{i}"));

    public static TheoryData<string, bool> FieldsStreamedAndNot
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var name in new[] { "content", "content_part", "reasoning_content", "reasoning", "refusal", "tool_arguments", "tool_name", "function_arguments", "text", "logprob_tokens" })
            {
                data.Add(name, false);
                data.Add(name, true);
            }

            data.Add("top_logprobs", false);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(FieldsStreamedAndNot))]
    public async Task Answer_HazardInField_ClientNeverReceivesIt(string field, bool stream)
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        host.Upstream.AnswerField = field;
        host.Upstream.Answer = field == "tool_name" ? ChemAnswer : $"{Benign} {ChemAnswer} and more words after it";

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", stream: stream, text: "tell me a story"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("sarin", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("synthesize", body, StringComparison.OrdinalIgnoreCase);
        AssertBlocked(response, body, stream, "content_blocked");
    }

    [Theory]
    [InlineData("content", false)]
    [InlineData("tool_arguments", true)]
    [InlineData("reasoning_content", true)]
    public async Task Answer_BenignInField_ArrivesWhole(string field, bool stream)
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        host.Upstream.AnswerField = field;
        host.Upstream.Answer = Benign;

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", stream: stream));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("word79", body, StringComparison.Ordinal);
        if (stream)
        {
            Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task Answer_HazardInLastOfSeveralChoices_Blocked(bool stream, bool oneChunk)
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        host.Upstream.Choices = 3;
        host.Upstream.ChoicesInOneChunk = oneChunk;
        host.Upstream.Answer = $"{Benign} {ChemAnswer}";

        var request = Chat.Body("standard", stream: stream);
        request["n"] = 3;
        using var response = await client.PostAsJsonAsync("/v1/chat/completions", request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("sarin", body, StringComparison.OrdinalIgnoreCase);
        AssertBlocked(response, body, stream, "content_blocked");
    }

    [Fact]
    public async Task Stream_ToolArgumentsSplitAcrossDeltasInterleavedWithAnotherChoice_Blocked()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        var fragments = Chunked($"{{\"q\":\"{ChemAnswer}\"}}", 4);
        host.Upstream.RawStream = string.Concat(fragments.Select(f =>
            Event($"{{\"id\":\"c\",\"choices\":[{{\"index\":0,\"delta\":{{\"tool_calls\":[{{\"index\":0,\"function\":{{\"arguments\":{JsonValue.Create(f).ToJsonString()}}}}}]}}}}]}}")
            + Event("{\"id\":\"c\",\"choices\":[{\"index\":1,\"delta\":{\"content\":\"calm \"}}]}"))) + "data: [DONE]\n\n";

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", stream: true));
        var body = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("sarin", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("syn", body, StringComparison.Ordinal);
        AssertBlocked(response, body, stream: true, "content_blocked");
    }

    [Fact]
    public async Task Stream_DataAfterDone_Dropped()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("safety-research")));
        client.DefaultRequestHeaders.Add("X-Tiergate-Tier", "safety-research");
        host.Upstream.RawStream = Event("{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"before\"}}]}")
            + "data: [DONE]\n\n"
            + Event("{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"after-done-marker\"}}]}")
            + "data: [DONE]\n\n";

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("reduced-refusal", stream: true));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("before", body, StringComparison.Ordinal);
        Assert.DoesNotContain("after-done-marker", body, StringComparison.Ordinal);
        Assert.EndsWith("}\n\ndata: [DONE]\n\n", body, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(body, @"\[DONE\]"));
    }

    [Fact]
    public async Task Stream_HazardInMultiLineData_ScreenedAsTheClientJoinsIt()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        host.Upstream.RawStream =
            "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":\r\n"
            + $"data: {{\"content\":\"{ChemAnswer}\"}}}}]}}\r\n\r\n"
            + "data: [DONE]\n\n";

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", stream: true));
        var body = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("sarin", body, StringComparison.OrdinalIgnoreCase);
        AssertBlocked(response, body, stream: true, "content_blocked");
    }

    [Fact]
    public async Task Stream_BenignMultiLineData_ArrivesAsTheSamePayload()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        host.Upstream.RawStream = ": keep-alive\n\nevent: x\ndata: {\"id\":\"c\",\"model\":\"upstream-7b\",\"choices\":[{\"index\":0,\"delta\":\ndata:{\"content\":\"calm words\"}}]}\n\ndata: [DONE]\n\n";

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", stream: true));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("data: {\"id\":\"c\",\"model\":\"standard\",\"choices\":[{\"index\":0,\"delta\":\ndata: {\"content\":\"calm words\"}}]}\n\ndata: [DONE]\n\n", body);
    }

    [Theory]
    [InlineData(false, "<html>sarin nerve agent</html>")]
    [InlineData(false, "{\"choices\":\"sarin\"}")]
    [InlineData(true, "data: sarin nerve agent, not json\n\ndata: [DONE]\n\n")]
    [InlineData(true, "data: {\"choices\":[{\"index\":0,\"delta\":\"sarin\"}]}\n\ndata: [DONE]\n\n")]
    public async Task Answer_UnreadableOnBlockingTier_UpstreamInvalidAndNothingPassed(bool stream, string raw)
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        host.Upstream.RawAnswer = stream ? null : raw;
        host.Upstream.RawStream = stream ? raw : null;

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", stream: stream));
        var body = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("sarin", body, StringComparison.Ordinal);
        if (!stream)
        {
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        }

        AssertBlocked(response, body, stream, "upstream_invalid");
    }

    [Fact]
    public async Task Answer_UnreadableOnFlaggingTier_PassedOnAndFlagged()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("safety-research")));
        client.DefaultRequestHeaders.Add("X-Tiergate-Tier", "safety-research");
        host.Upstream.RawAnswer = $"plain text: {ChemAnswer}";

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("reduced-refusal"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("sarin", body, StringComparison.Ordinal);
        Assert.Contains(await host.Events.AfterRequestsAsync(), e => e.Kind == Tiergate.Monitoring.Events.UsageEventKinds.SafeguardFlag && e.Direction == "output" && e.Category == "chem");
    }

    [Theory]
    [InlineData(false, "general", "standard")]
    [InlineData(true, "general", "standard")]
    [InlineData(true, "safety-research", "reduced-refusal")]
    public async Task Answer_UpstreamModelAndFingerprint_CallerSeesOnlyTheVariant(bool stream, string tier, string variant)
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync(tier)));
        client.DefaultRequestHeaders.Add("X-Tiergate-Tier", tier);
        host.Upstream.ReportedModel = "secret-upstream-model-70b";
        host.Upstream.SystemFingerprint = "fp_secret_build";

        var request = Chat.Body(variant, stream: stream);
        request["stream_options"] = new JsonObject { ["include_usage"] = true };
        using var response = await client.PostAsJsonAsync("/v1/chat/completions", stream ? request : Chat.Body(variant));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("secret-upstream", body, StringComparison.Ordinal);
        Assert.DoesNotContain("sample-", body, StringComparison.Ordinal);
        Assert.DoesNotContain("fp_secret", body, StringComparison.Ordinal);
        var payloads = stream
            ? body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Where(e => e.StartsWith("data: {", StringComparison.Ordinal)).Select(e => e[6..]).ToList()
            : [body];
        Assert.True(payloads.Count >= 2 || !stream);
        Assert.All(payloads, p => Assert.Equal(variant, (string?)JsonNode.Parse(p)!["model"]));
    }

    private static void AssertBlocked(HttpResponseMessage response, string body, bool stream, string code)
    {
        if (!stream)
        {
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(code, (string?)JsonNode.Parse(body)!["error"]!["code"]);
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(code, (string?)JsonNode.Parse(events[^1][6..])!["error"]!["code"]);
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
    }

    private static string Event(string data) => $"data: {data}\n\n";

    private static IEnumerable<string> Chunked(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }
}
