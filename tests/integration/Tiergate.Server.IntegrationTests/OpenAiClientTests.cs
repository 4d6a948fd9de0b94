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
