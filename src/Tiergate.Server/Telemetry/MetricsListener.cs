using Microsoft.AspNetCore.Http;
using Tiergate.Core.Errors;

namespace Tiergate.Server.Telemetry;

/// <summary>
/// The separate listener <c>/metrics</c> is served on. Kestrel listens on its addresses beside the public ones, and a
/// request belongs to it by the local port it arrived on (not by its Host header, which a client writes): there it
/// gets <c>/metrics</c> or a 404, and on the public port <c>/metrics</c> is a 404 like any unknown path.
/// </summary>
public sealed class MetricsListener
{
    public const string Path = "/metrics";

    private readonly HashSet<int> _ports;

    private MetricsListener(IReadOnlyList<MetricsAddress> addresses)
    {
        Addresses = addresses;
        _ports = addresses.Select(a => a.Port).ToHashSet();
    }

    public IReadOnlyList<MetricsAddress> Addresses { get; }

    /// <summary>The listener for <paramref name="urls"/>, or null when there are none; refuses an address that is malformed or shares a public port.</summary>
    public static MetricsListener? For(IReadOnlyList<string> urls, IReadOnlyList<string> publicUrls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(publicUrls);
        if (urls.Count == 0)
        {
            return null;
        }

        var addresses = new List<MetricsAddress>();
        foreach (var url in urls)
        {
            var address = MetricsAddress.Parse(url, out var problem) ?? throw new TiergateException(ErrorCodes.SettingsInvalid, $"telemetry.metrics_urls: {problem}");
            if (publicUrls.Any(p => MetricsAddress.PortOf(p) == address.Port))
            {
                throw new TiergateException(ErrorCodes.SettingsInvalid, $"telemetry.metrics_urls: port {address.Port} is also a public address's (server.urls); the metrics listener needs a port of its own");
            }

            addresses.Add(address);
        }

        return new MetricsListener(addresses);
    }

    /// <summary>Whether <paramref name="context"/> arrived on the metrics listener.</summary>
    public bool Owns(HttpContext context) => _ports.Contains((context ?? throw new ArgumentNullException(nameof(context))).Connection.LocalPort);

    /// <summary>A scrape: <c>GET /metrics</c> on the metrics listener.</summary>
    public bool IsScrape(HttpContext context) =>
        Owns(context) && HttpMethods.IsGet(context.Request.Method) && context.Request.Path.Equals(Path, StringComparison.Ordinal);
}
