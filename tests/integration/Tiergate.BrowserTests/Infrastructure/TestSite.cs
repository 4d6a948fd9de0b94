using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;

namespace Tiergate.BrowserTests.Infrastructure;

/// <summary>
/// The real `tiergate serve` composition (<see cref="GatewayHost"/>: TiergateServer.BuildAsync on
/// 127.0.0.1 with a random port, a temporary data directory, a fake upstream) with whatever the test maps
/// through the same hooks the console uses. The browser visits it as <c>http://localhost:PORT</c>: a secure
/// context whose host name is a valid WebAuthn relying-party id, which 127.0.0.1 is not.
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    public const string RelyingPartyId = "localhost";

    private TestSite(GatewayHost host)
    {
        Host = host;
        Port = new Uri(host.BaseUrl).Port;
    }

    /// <summary>The server, its database, its admin services and its fake upstream.</summary>
    public GatewayHost Host { get; }

    public int Port { get; }

    /// <summary>The origin the browser sees and WebAuthn checks: <c>http://localhost:PORT</c>.</summary>
    public string Origin => $"http://{RelyingPartyId}:{Port}";

    /// <summary>The same server by IP address; WebAuthn refuses it (no valid RP id), other pages work.</summary>
    public string IpOrigin => $"http://127.0.0.1:{Port}";

    /// <summary>An absolute URL on <see cref="Origin"/>, e.g. <c>Url("/register")</c>.</summary>
    public string Url(string path) => Origin + path;

    public static async Task<TestSite> StartAsync(
        Action<WebApplication>? mapEndpoints = null,
        Action<IServiceCollection>? configureServices = null,
        Func<string, string>? editPolicy = null,
        TimeProvider? time = null,
        string provider = TestStore.Sqlite) =>
        new(await GatewayHost.StartAsync(provider, editPolicy, time: time, configureServices: configureServices, mapEndpoints: mapEndpoints));

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
