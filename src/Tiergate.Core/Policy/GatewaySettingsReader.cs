namespace Tiergate.Core.Policy;

internal static class GatewaySettingsReader
{
    public static GatewaySettings Read(YamlFields f)
    {
        var defaults = GatewaySettings.Default;
        var maxBytes = f.Long("max_request_bytes", 1024, 64L * 1024 * 1024) ?? defaults.MaxRequestBytes;
        var timeout = f.Int("upstream_timeout_seconds", 1, 3600);
        f.RejectUnknownKeys();
        return new GatewaySettings(maxBytes, timeout is { } s ? TimeSpan.FromSeconds(s) : defaults.UpstreamTimeout);
    }
}
