namespace Tiergate.Server.Telemetry;

/// <summary>
/// Where metrics and traces go and how logs are written (settings <c>telemetry</c> and <c>logging</c>). The default
/// exports nothing and writes text logs: no listener is opened and no OpenTelemetry provider is composed, so an
/// unconfigured gateway pays nothing for telemetry.
/// </summary>
public sealed record TelemetryOptions
{
    public static readonly TelemetryOptions None = new();

    /// <summary>
    /// Addresses of the metrics listener (<c>serve --metrics-urls</c>), which serves only <c>GET /metrics</c> (Prometheus text
    /// format); each has its own port, none shared with the public addresses. Empty: no metrics listener.
    /// </summary>
    public IReadOnlyList<string> MetricsUrls { get; init; } = [];

    /// <summary>
    /// The OTLP collector metrics and traces are pushed to (<c>telemetry.otlp_endpoint</c>); null: the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable when it is set, else no export.
    /// </summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>The OTLP protocol for <see cref="OtlpEndpoint"/>: <c>grpc</c> (port 4317) or <c>http/protobuf</c> (port 4318).</summary>
    public OtlpWire OtlpProtocol { get; init; } = OtlpWire.Grpc;

    /// <summary>True: log lines are JSON objects (one a line) with the trace and span ids of the request they belong to.</summary>
    public bool JsonLogs { get; init; }

    /// <summary>The variable the OpenTelemetry SDK reads when no endpoint is configured here.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Whether metrics and traces are pushed over OTLP: an endpoint here, or the standard variable.</summary>
    public bool ExportsOtlp(Func<string, string?> environment) =>
        OtlpEndpoint is not null || !string.IsNullOrWhiteSpace((environment ?? throw new ArgumentNullException(nameof(environment)))(StandardEndpointVariable));
}
