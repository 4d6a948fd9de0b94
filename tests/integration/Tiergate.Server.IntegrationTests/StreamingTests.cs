using System.Net.Http.Json;
using System.Text;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests;

/// <summary>True streaming: bytes pass on as they arrive, and a client that leaves cancels the upstream call.</summary>
public sealed class StreamingTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Stream_UpstreamPausesAfterFirstChunk_ClientAlreadyHasIt(string backend)
    {
        // safety-research flags but never blocks answers, so its streams need no hold-back window.
        await using var host = await GatewayHost.StartAsync(backend);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("safety-research")));
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Upstream.HoldStreamAfterFirstChunk = hold;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(Chat.Body("reduced-refusal", stream: true)) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("data: ", first);
        Assert.Contains("chat.completion.chunk", first, StringComparison.Ordinal);
        hold.SetResult();
        var rest = await reader.ReadToEndAsync();
        Assert.EndsWith("data: [DONE]\n\n", rest, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Stream_ClientDisconnects_UpstreamCallIsCancelled(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        host.Upstream.HoldStreamAfterFirstChunk = new TaskCompletionSource(); // never released

        // The general tier holds events back for screening, so the client may see nothing before it leaves:
        // it leaves once the upstream is answering, not after a first line that would come only at the timeout.
        using var leave = new CancellationTokenSource();
        var send = client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", stream: true), leave.Token);
        while (host.Upstream.Requests.IsEmpty)
        {
            await Task.Delay(20);
        }

        await Task.Delay(200);
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);

        client.Dispose();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (host.Upstream.CancelledRequests == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, host.Upstream.CancelledRequests);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Stream_ClientDidNotAskForUsage_UsageChunkIsStrippedButUpstreamWasAsked(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", stream: true));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(true, (bool?)Assert.Single(host.Upstream.Requests).Body["stream_options"]?["include_usage"]);
        Assert.DoesNotContain("\"usage\"", text, StringComparison.Ordinal);
        Assert.Contains("fake", text, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_UpstreamSpacesItsJson_UsageStillReadAndItsChunkStillStripped()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        host.Upstream.SpaceAfterColons = true;
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", stream: true));
        var text = await response.Content.ReadAsStringAsync();
        var completed = (await host.Events.AfterRequestsAsync()).Single(e => e.Kind == Tiergate.Monitoring.Events.UsageEventKinds.Completed);

        Assert.Contains("\"choices\": [", text, StringComparison.Ordinal); // the upstream's spacing reached the client
        Assert.DoesNotContain("\"usage\"", text, StringComparison.Ordinal);
        Assert.Equal(7, completed.PromptTokens); // read from the spaced usage chunk
    }

    [Fact]
    public async Task Stream_BuiltinSampleModel_NamesItselfAndStreams()
    {
        var store = await TestStore.CreateAsync(TestStore.Sqlite);
        await using var _ = store;
        var policy = Core.Policy.PolicyLoader.Load(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"))).Policy!;
        await using var app = await Hosting.TiergateServer.BuildAsync(new Hosting.ServerOptions(store.Options, policy, ["http://127.0.0.1:0"]));
        await app.StartAsync();
        var address = app.Urls.First();
        var hasher = new Core.Keys.ApiKeyHasher(Storage.Secrets.ServerSecret.LoadOrCreate(Storage.Secrets.SecretSource.Pepper, store.Options));
        var audit = app.Services.GetService(typeof(Core.Audit.IAuditLog)) as Core.Audit.IAuditLog;
        var admin = Storage.Accounts.AccountServices.Create(store.Database, policy, hasher, audit!, new Tiergate.Testing.Notifications.RecordingUserNotifier(), TimeProvider.System);
        await admin.Users.AddAsync("sample@example.org", null, null, Core.Policy.IdentityLevel.Email, "test");
        var key = (await admin.Keys.CreateAsync("sample@example.org", null, [], "test")).Key;
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);

        var models = await client.GetStringAsync("/v1/models");
        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", stream: true, text: "ping"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Contains("tiergate-sample-model", models, StringComparison.Ordinal);
        var content = new StringBuilder();
        foreach (var line in text.Split('\n').Where(l => l.StartsWith("data: {", StringComparison.Ordinal)))
        {
            var delta = System.Text.Json.Nodes.JsonNode.Parse(line[6..])?["choices"]?[0]?["delta"]?["content"];
            content.Append((string?)delta);
        }

        Assert.StartsWith("Hello from Tiergate's built-in sample model (sample-standard)", content.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("You said: ping", content.ToString(), StringComparison.Ordinal);
    }
}
