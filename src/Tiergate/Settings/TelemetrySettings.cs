using Tiergate.Server.Telemetry;

namespace Tiergate.Settings;

/// <summary>
/// <c>telemetry</c>: where metrics and traces go. <c>metrics_urls</c> opens the metrics listener (Prometheus text format at
/// <c>/metrics</c>, never on the public port; off by default, a bare port means loopback); <c>otlp_endpoint</c> and
/// <c>otlp_protocol</c> push metrics and traces to an OpenTelemetry collector (without them, the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable does, when set).
/// </summary>
public sealed record TelemetrySettings(IReadOnlyList<string> MetricsUrls, Uri? OtlpEndpoint, OtlpWire OtlpProtocol)
{
    public static readonly TelemetrySettings None = new([], null, OtlpWire.Grpc);

    /// <param name="publicUrls">The public addresses (<c>server.urls</c>), whose ports the metrics listener must not share.</param>
    public static TelemetrySettings Read(SettingsReader settings, IReadOnlyList<string> publicUrls)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(publicUrls);
        var urls = new List<string>();
        var ports = new HashSet<int>();
        foreach (var value in settings.List("telemetry:metrics_urls") ?? [])
        {
            if (MetricsAddress.Parse(value.Text, out var problem) is not { } address)
            {
                settings.Error(value, problem!);
            }
            else if (publicUrls.Any(p => MetricsAddress.PortOf(p) == address.Port))
            {
                settings.Error(value, $"port {address.Port} is also a public address's (server.urls): the metrics listener needs a port of its own, so /metrics is never served on the public port");
            }
            else if (!ports.Add(address.Port))
            {
                settings.Error(value, $"port {address.Port} is given twice");
            }
            else
            {
                urls.Add(address.Url);
            }
        }

        Uri? endpoint = null;
        var endpointValue = settings.Value("telemetry:otlp_endpoint");
        if (endpointValue is not null)
        {
            if (Uri.TryCreate(endpointValue.Text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.UserInfo))
            {
                endpoint = uri;
            }
            else
            {
                // Not echoed: a mistyped value may hold credentials.
                settings.Error(endpointValue, "must be an http:// or https:// address of an OTLP collector without credentials (e.g. http://localhost:4317)");
            }
        }

        var protocol = OtlpWire.Grpc;
        if (settings.Value("telemetry:otlp_protocol") is { } protocolValue)
        {
            switch (protocolValue.Text)
            {
                case "grpc":
                    break;
                case "http/protobuf":
                    protocol = OtlpWire.HttpProtobuf;
                    break;
                default:
                    settings.Error(protocolValue, $"must be grpc or http/protobuf, not '{protocolValue.Text}'");
                    break;
            }

            if (endpointValue is null)
            {
                settings.Error(protocolValue, "needs telemetry.otlp_endpoint (with OTEL_EXPORTER_OTLP_ENDPOINT, set OTEL_EXPORTER_OTLP_PROTOCOL instead)");
            }
        }

        return new TelemetrySettings(urls, endpoint, protocol);
    }
}
