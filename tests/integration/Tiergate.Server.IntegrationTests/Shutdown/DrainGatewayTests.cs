using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tiergate.Server.Shutdown;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests.Shutdown;

/// <summary>The gateway while it drains (as after SIGTERM, before Kestrel stops listening): probes and requests on a real socket.</summary>
public sealed class DrainGatewayTests
{
    [Fact]
    public async Task Draining_NewRequest_503ShuttingDownAndReadinessFailsButLivenessHolds()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        var key = await host.GoodKeyAsync(await host.UserWithTiersAsync("general"));
        using var client = host.Client(key);
        using var before = await Chat.PostAsync(client, "standard");

        host.Service<ShutdownDrain>().Begin();
        using var refused = await Chat.PostAsync(client, "standard");
        using var ready = await host.Client().GetAsync("/readyz");
        using var live = await host.Client().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("shutting_down", await Chat.ErrorCodeAsync(refused));
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("shutting down", (string?)(await ready.Content.ReadFromJsonAsync<JsonObject>())!["reason"]);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Draining_StreamAlreadyInFlight_FinishesWhole()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        var key = await host.GoodKeyAsync(await host.UserWithTiersAsync("general"));
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Upstream.HoldStreamAfterFirstChunk = hold;
        host.Upstream.Answer = "one two three four five";
        using var client = host.Client(key);

        var streaming = Chat.PostAsync(client, "standard", stream: true);
        await Wait.UntilAsync(() => !host.Upstream.Requests.IsEmpty);
        host.Service<ShutdownDrain>().Begin();
        hold.SetResult();
        using var response = await streaming;
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("one two three four five", StreamText.Of(body));
        Assert.Contains("data: [DONE]", body, StringComparison.Ordinal);
        Assert.Equal(0, host.Service<ShutdownDrain>().InFlight);
    }
}
