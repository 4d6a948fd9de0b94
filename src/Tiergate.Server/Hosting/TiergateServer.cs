using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tiergate.Server.Shutdown;
using Tiergate.Server.Telemetry;
using Tiergate.Storage;

namespace Tiergate.Server.Hosting;

/// <summary>
/// Composes <c>tiergate serve</c>: the host, the health endpoints and the gateway's route group, plus
/// whatever route groups other features add through <paramref name="configureServices"/> and <paramref name="mapEndpoints"/>.
/// </summary>
public static class TiergateServer
{
    /// <summary>
    /// Migrates the database (opening its key ring), settles the starting policy (<see cref="Policies.PolicyStartup"/>)
    /// and composes the server; fails closed if any cannot be done.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(ServerOptions options, Action<IServiceCollection>? configureServices = null, Action<WebApplication>? mapEndpoints = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var database = TiergateDatabase.Open(options.Storage);
        await database.MigrateAsync();
        var initialPolicy = await Policies.PolicyStartup.ResolveAsync(options, database);
        options = options with { Policy = initialPolicy.Policy };
        var metrics = MetricsListener.For(options.Telemetry.MetricsUrls, options.Urls);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls([.. options.Urls, .. metrics?.Addresses.Select(a => a.Url) ?? []]);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null; // RequestBody enforces the policy's limit with an OpenAI-shaped 413.
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.AddTiergateTelemetry(options.Telemetry, metrics);

        // The host's stop outlasts the drain's deadline, so background services still flush after the last request.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout + ShutdownDrain.FlushMargin);

        // Wall-clock, not options.Time: a test's fake clock must not hold a stopping process open.
        builder.Services.AddSingleton(sp => new ShutdownDrain(TimeProvider.System, options.ShutdownTimeout, sp.GetRequiredService<ILogger<ShutdownDrain>>()));
        configureServices?.Invoke(builder.Services);
        builder.Services.AddTiergateGateway(options, database, initialPolicy);

        var app = builder.Build();
        app.UseMetricsListener(metrics);
        UseTrustedProxies(app, options.TrustedProxies);
        app.UseShutdownDrain();
        app.MapHealth();
        app.MapTiergateGateway();
        mapEndpoints?.Invoke(app);
        return app;
    }

    /// <summary>
    /// The client address comes from X-Forwarded-For only when the direct peer is a trusted proxy (walking
    /// back through trusted proxies only); with none configured the header is ignored, so a client cannot
    /// claim an address that an IP allowlist would admit.
    /// </summary>
    private static void UseTrustedProxies(WebApplication app, IReadOnlyList<string> trustedProxies)
    {
        if (trustedProxies.Count == 0)
        {
            return;
        }

        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = null };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var entry in trustedProxies)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry.Contains('/', StringComparison.Ordinal) ? entry : Single(entry)));
        }

        app.UseForwardedHeaders(forwarded);
    }

    private static string Single(string address) =>
        address + (System.Net.IPAddress.Parse(address).AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "/128" : "/32");
}
