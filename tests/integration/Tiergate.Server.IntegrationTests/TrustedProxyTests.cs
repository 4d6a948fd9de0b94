using System.Net;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests;

/// <summary>X-Forwarded-For names the client only when the direct peer is a trusted proxy; otherwise it cannot open an IP allowlist.</summary>
public sealed class TrustedProxyTests
{
    [Fact]
    public async Task ForwardedFor_NoTrustedProxy_IgnoredSoAllowlistHolds()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        var email = await host.UserWithTiersAsync("general");
        var key = (await host.Admin.Keys.CreateAsync(email, 7, ["203.0.113.0/24"], "test")).Key;
        using var client = host.Client(key);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await Chat.PostAsync(client, "standard");

        Assert.Equal((HttpStatusCode.Forbidden, "ip_not_allowed"), (response.StatusCode, await Chat.ErrorCodeAsync(response)));
        Assert.Equal("127.0.0.1", (await host.Events.AfterRequestsAsync()).Single().ClientAddress);
    }

    [Fact]
    public async Task ForwardedFor_FromTrustedProxy_IsTheClientAddress()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite, trustedProxies: ["127.0.0.1"]);
        var email = await host.UserWithTiersAsync("general");
        using var outside = host.Client((await host.Admin.Keys.CreateAsync(email, 7, ["203.0.113.0/24"], "test")).Key);
        outside.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        using var loopbackOnly = host.Client((await host.Admin.Keys.CreateAsync(email, 7, ["127.0.0.0/8"], "test")).Key);
        loopbackOnly.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.9");

        using var admitted = await Chat.PostAsync(outside, "standard");
        using var refused = await Chat.PostAsync(loopbackOnly, "standard");

        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, "ip_not_allowed"), (refused.StatusCode, await Chat.ErrorCodeAsync(refused)));
        var events = await host.Events.AfterRequestsAsync(2);
        Assert.Contains(events, e => e.Kind == Tiergate.Monitoring.Events.UsageEventKinds.Completed && e.ClientAddress == "203.0.113.7");
        Assert.Contains(events, e => e.Kind == Tiergate.Monitoring.Events.UsageEventKinds.Denied && e.ClientAddress == "198.51.100.9");
    }
}
