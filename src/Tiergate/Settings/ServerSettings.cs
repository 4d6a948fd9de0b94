using System.Net;

namespace Tiergate.Settings;

/// <summary><c>server</c>: where <c>tiergate serve</c> listens, which reverse proxies it believes, and how long it drains on SIGTERM.</summary>
/// <param name="Urls">Kestrel addresses (<c>http://0.0.0.0:8080</c>).</param>
/// <param name="TrustedProxies">IP addresses or CIDR blocks whose X-Forwarded-For is believed; empty: none.</param>
public sealed record ServerSettings(IReadOnlyList<string> Urls, IReadOnlyList<string> TrustedProxies)
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary><c>server.shutdown_timeout</c> (<c>30s</c>, <c>2m</c>): after SIGTERM, how long requests in flight may run on before they are cut.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = Tiergate.Server.Shutdown.ShutdownDrain.DefaultTimeout;

    public static ServerSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var urls = settings.List("server:urls") ?? [];
        foreach (var url in urls.Where(u => !IsListenAddress(u.Text)))
        {
            settings.Error(url, $"'{url.Text}' is not an http:// or https:// address to listen on (e.g. http://0.0.0.0:8080)");
        }

        var proxies = settings.List("server:trusted_proxies") ?? [];
        foreach (var proxy in proxies)
        {
            if (ProxyProblem(proxy.Text) is { } problem)
            {
                settings.Error(proxy, problem);
            }
        }

        var shutdown = settings.Value("server:shutdown_timeout") is { } shutdownValue ? AuditSettings.Duration(settings, shutdownValue) : null;
        return new ServerSettings(urls.Count > 0 ? urls.Select(u => u.Text).ToList() : [DefaultUrl], proxies.Select(p => p.Text).ToList())
        {
            ShutdownTimeout = shutdown ?? Tiergate.Server.Shutdown.ShutdownDrain.DefaultTimeout,
        };
    }

    private static bool IsListenAddress(string url) =>
        (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && url.Length > "http://".Length) ||
        (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && url.Length > "https://".Length);

    private static string? ProxyProblem(string entry)
    {
        if (!entry.Contains('/', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(entry, out _) ? null : $"'{entry}' is not an IP address or CIDR block (e.g. 10.0.0.5, 10.0.0.0/8, 2001:db8::/32)";
        }

        if (!IPNetwork.TryParse(entry, out var block))
        {
            return $"'{entry}' is not an IP address or CIDR block (e.g. 10.0.0.5, 10.0.0.0/8, 2001:db8::/32)";
        }

        // IPNetwork quietly drops bits after the prefix; '10.0.0.1/8' more likely means one host than all of 10/8.
        var given = IPAddress.Parse(entry[..entry.IndexOf('/', StringComparison.Ordinal)]);
        return block.BaseAddress.Equals(given)
            ? null
            : $"'{entry}' has bits set after the /{block.PrefixLength} prefix: write {block} for the block, or {given} for one address";
    }
}
