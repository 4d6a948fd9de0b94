using System.Globalization;

namespace Tiergate.Server.Telemetry;

/// <summary>
/// One address of the metrics listener: <c>http://HOST:PORT</c> with an explicit port, or a bare port, which means
/// loopback (<c>9464</c> is <c>http://127.0.0.1:9464</c>). Plain HTTP only, no path: the listener serves <c>/metrics</c>
/// and nothing else.
/// </summary>
public sealed record MetricsAddress(string Url, int Port)
{
    public const string Example = "http://127.0.0.1:9464";

    /// <summary>The address, or null with <paramref name="problem"/> saying what is wrong with <paramref name="text"/>.</summary>
    public static MetricsAddress? Parse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            return PortNumber(text) is { } alone ? new MetricsAddress($"http://127.0.0.1:{alone}", alone) : Fail(text, out problem);
        }

        const string scheme = "http://";
        if (!text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            problem = $"'{text}' is not a metrics address: give http://HOST:PORT (plain http; e.g. {Example}) or a port alone for loopback";
            return null;
        }

        var authority = text[scheme.Length..].TrimEnd('/');
        var colon = authority.LastIndexOf(':');
        if (authority.Contains('/', StringComparison.Ordinal) || colon <= 0 || authority.EndsWith(']'))
        {
            return Fail(text, out problem);
        }

        var host = authority[..colon];
        return PortNumber(authority[(colon + 1)..]) is { } port ? new MetricsAddress($"http://{host}:{port}", port) : Fail(text, out problem);
    }

    /// <summary>The port a public address (<c>server.urls</c>) listens on, or null when it cannot be told.</summary>
    public static int? PortOf(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        // Kestrel's wildcard hosts are not URI hosts.
        var parsable = url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal);
        return Uri.TryCreate(parsable, UriKind.Absolute, out var uri) ? uri.Port : null;
    }

    private static int? PortNumber(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535 ? port : null;

    private static MetricsAddress? Fail(string text, out string problem)
    {
        problem = $"'{text}' needs a port from 1 to 65535 and no path (e.g. {Example}, or 9464 for loopback)";
        return null;
    }
}
