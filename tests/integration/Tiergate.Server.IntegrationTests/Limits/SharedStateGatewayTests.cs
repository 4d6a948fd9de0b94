using System.Net;
using Tiergate.Server.Limits.Shared;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Redis;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests.Limits;

/// <summary>The gateway on Redis: admissions counted there; with Redis stopped, a refuse tier answers 503 and /readyz fails.</summary>
public sealed class SharedStateGatewayTests
{
    private static string Refusing(string yaml) =>
        yaml.Replace("      tokens_per_day: 200000\n", "      tokens_per_day: 200000\n      when_shared_state_down: refuse\n", StringComparison.Ordinal);

    [Fact]
    public async Task ChatCompletions_RedisStopped_RefuseTierAnswers503SharedStateUnavailable()
    {
        await using var redis = await RedisTestServer.StartAsync();
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite, Refusing, configureServices: s => s.AddRedisSharedState(redis.ConnectionString));
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        using var anonymous = host.Client();

        using var up = await Chat.PostAsync(client, "standard");
        using var readyUp = await anonymous.GetAsync("/readyz");
        await redis.StopAsync();
        using var down = await Chat.PostAsync(client, "standard");
        using var readyDown = await anonymous.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyUp.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("shared_state_unavailable", await Chat.ErrorCodeAsync(down));
        Assert.NotNull(down.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyDown.StatusCode);
        Assert.Single(host.Upstream.Requests);
    }

    [Fact]
    public async Task ChatCompletions_RedisStopped_LocalTierKeepsServing()
    {
        await using var redis = await RedisTestServer.StartAsync();
        // general asks only an email address, so its default is local.
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite, configureServices: s => s.AddRedisSharedState(redis.ConnectionString));
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));

        await redis.StopAsync();
        using var down = await Chat.PostAsync(client, "standard");

        Assert.Equal(HttpStatusCode.OK, down.StatusCode);
        Assert.True(host.Service<SharedUsageLimiter>().Down);
    }
}
