using System.ClientModel;
using OpenAI;
using OpenAI.Chat;
using Tiergate.Testing.Gateway;

namespace Tiergate.Server.IntegrationTests;

/// <summary>The official OpenAI .NET client, unchanged, against the gateway.</summary>
public sealed class OpenAiClientTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task CompleteChat_GeneralUser_ReturnsUpstreamAnswer(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        var key = await host.GoodKeyAsync(await host.UserWithTiersAsync("general"));
        var client = new ChatClient("standard", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = host.OpenAiEndpoint });

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Say hello")]);

        Assert.Equal("Hello from the fake upstream", completion.Content[0].Text);
        Assert.Equal(7 + 5, completion.Usage.TotalTokenCount);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task CompleteChatStreaming_SafetyResearcher_StreamsEveryChunk(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        var key = await host.GoodKeyAsync(await host.UserWithTiersAsync("safety-research"));
        var client = new ChatClient("reduced-refusal", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = host.OpenAiEndpoint });

        var text = new System.Text.StringBuilder();
        var updates = 0;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Say hello")]))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal("Hello from the fake upstream", text.ToString());
        Assert.True(updates >= 5, $"expected one update per word, got {updates}");
    }

    private const string WeatherSchema = """{"type":"object","properties":{"city":{"type":"string","description":"The city"}},"required":["city"],"additionalProperties":false}""";

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task CompleteChat_ToolsResponseFormatAndToolResults_PassUnchangedAndScreened(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        var key = await host.GoodKeyAsync(await host.UserWithTiersAsync("general"));
        var client = new ChatClient("standard", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = host.OpenAiEndpoint });
        var options = new ChatCompletionOptions
        {
            Tools = { ChatTool.CreateFunctionTool("get_weather", "Gets the weather for a city", BinaryData.FromString(WeatherSchema), functionSchemaIsStrict: true) },
            ToolChoice = ChatToolChoice.CreateAutoChoice(),
            AllowParallelToolCalls = false,
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("weather_report", BinaryData.FromString(WeatherSchema), "A short weather report", jsonSchemaIsStrict: true),
            StopSequences = { "END" },
            Temperature = 0.2f,
            MaxOutputTokenCount = 50,
            EndUserId = "user-1",
        };
        ChatMessage[] messages =
        [
            new SystemChatMessage("You report the weather."),
            new UserChatMessage("What is the weather in Paris?"),
            new AssistantChatMessage([ChatToolCall.CreateFunctionToolCall("call_1", "get_weather", BinaryData.FromString("""{"city":"Paris"}"""))]),
            new ToolChatMessage("call_1", "sunny, 21 degrees"),
        ];

        ChatCompletion completion = await client.CompleteChatAsync(messages, options);

        Assert.Equal("Hello from the fake upstream", completion.Content[0].Text);
        var sent = Assert.Single(host.Upstream.Requests).Body;
        Assert.Equal("get_weather", (string?)sent["tools"]![0]!["function"]!["name"]);
        Assert.Equal("json_schema", (string?)sent["response_format"]!["type"]);
        Assert.Equal("tool", (string?)sent["messages"]![3]!["role"]);
        Assert.Contains("sunny, 21 degrees", sent["messages"]![3]!.ToJsonString(), StringComparison.Ordinal);

        // The same call with blocked text in the tool's description: refused, and the upstream is not called again.
        options.Tools[0] = ChatTool.CreateFunctionTool("get_weather", ScreeningGatewayTests.BioPrompt, BinaryData.FromString(WeatherSchema));
        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync(messages, options));
        Assert.Equal(400, error.Status);
        Assert.Single(host.Upstream.Requests);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task CompleteChat_VariantOutsideTiers_ThrowsWith404LikeAnUnknownModel(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        var key = await host.GoodKeyAsync(await host.UserWithTiersAsync("general"));
        var client = new ChatClient("bio-research", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = host.OpenAiEndpoint });

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(404, error.Status); // as for a model that does not exist: variants cannot be enumerated
        Assert.Empty(host.Upstream.Requests);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task GetModels_MedicalResearcher_ListsExactlyItsVariants(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        var key = await host.GoodKeyAsync(await host.UserWithTiersAsync("medical-research"));
        var models = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = host.OpenAiEndpoint }).GetOpenAIModelClient();

        var listed = (await models.GetModelsAsync()).Value.Select(m => m.Id).ToList();

        Assert.Equal(["standard", "bio-research"], listed);
    }
}
