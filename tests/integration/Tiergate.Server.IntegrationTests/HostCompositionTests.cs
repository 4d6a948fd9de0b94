using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tiergate.Core.Policy;
using Tiergate.Server.Hosting;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests;

/// <summary>The gateway is one route group among others: its error handling and fallback stay inside <c>/v1</c>.</summary>
public sealed class HostCompositionTests
{
    [Fact]
    public async Task Host_WithAnotherRouteGroup_EachGroupKeepsItsOwnErrors()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        var policy = PolicyLoader.Load(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"))).Policy!;
        await using var app = await TiergateServer.BuildAsync(
            new ServerOptions(store.Options, policy, ["http://127.0.0.1:0"]),
            services => services.AddSingleton(new ConsoleGreeting("hello from the console")),
            web =>
            {
                var console = web.MapGroup("/console");
                console.MapGet("/hello", (ConsoleGreeting greeting) => greeting.Text);
                console.MapGet("/broken", (HttpContext _) => throw new InvalidOperationException("console bug"));
            });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        using var hello = await client.GetAsync("/console/hello");
        using var consoleMissing = await client.GetAsync("/console/missing");
        using var consoleBroken = await client.GetAsync("/console/broken");
        using var gatewayMissing = await client.GetAsync("/v1/embeddings");
        using var gatewayWrongMethod = await client.PutAsJsonAsync("/V1/Models", new { });
        using var models = await client.GetAsync("/v1/models");

        Assert.Equal("hello from the console", await hello.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, consoleMissing.StatusCode);
        Assert.Null(await Chat.ErrorCodeOrNullAsync(consoleMissing));
        Assert.Equal(HttpStatusCode.InternalServerError, consoleBroken.StatusCode);
        Assert.Null(await Chat.ErrorCodeOrNullAsync(consoleBroken));
        Assert.Equal((HttpStatusCode.NotFound, "route_not_found"), (gatewayMissing.StatusCode, await Chat.ErrorCodeAsync(gatewayMissing)));
        Assert.Equal((HttpStatusCode.MethodNotAllowed, "method_not_allowed"), (gatewayWrongMethod.StatusCode, await Chat.ErrorCodeAsync(gatewayWrongMethod)));
        Assert.Equal((HttpStatusCode.Unauthorized, "missing_api_key"), (models.StatusCode, await Chat.ErrorCodeAsync(models)));
    }

    private sealed record ConsoleGreeting(string Text);
}
