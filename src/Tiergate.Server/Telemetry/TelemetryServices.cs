using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Tiergate.Server.Telemetry;

/// <summary>
/// Composes telemetry for <c>tiergate serve</c>: JSON logs with trace ids when asked, and OpenTelemetry only when it has
/// somewhere to go (a metrics listener, an OTLP collector), so that an unconfigured gateway runs no provider at all.
/// Metrics: every <c>Tiergate.*</c> meter, ASP.NET Core's and Kestrel's, and the runtime's. Traces (OTLP only): the
/// request's server span, the upstream call (<c>System.Net.Http</c>) and guard calls, with policy names as tags.
/// </summary>
public static class TelemetryServices
{
    public const string ServiceName = "tiergate";

    public static readonly string[] Meters = ["Tiergate.*", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime"];

    public static void AddTiergateTelemetry(this WebApplicationBuilder builder, TelemetryOptions telemetry, MetricsListener? metrics)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(telemetry);
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (telemetry.JsonLogs)
        {
            // One JSON object a line; scopes carry TraceId and SpanId (and the request's path, never its body).
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
            });
        }

        var otlp = telemetry.ExportsOtlp(Environment.GetEnvironmentVariable);
        if (metrics is null && !otlp)
        {
            return;
        }

        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(resource =>
        {
            // OTEL_SERVICE_NAME, when set, names the service (the SDK reads it); else "tiergate".
            if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME")))
            {
                resource.AddService(ServiceName, serviceVersion: typeof(TelemetryServices).Assembly.GetName().Version?.ToString());
            }
        });
        otel.WithMetrics(m =>
        {
            m.AddMeter(Meters);
            if (metrics is not null)
            {
                // No response cache: a scrape shows the counters as they are.
                m.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            }
        });
        if (!otlp)
        {
            return;
        }

        otel.WithTracing(t => t
            .AddAspNetCoreInstrumentation(o => o.Filter = context => Traced(context, metrics))
            .AddSource(GatewayTracing.SourceName, "System.Net.Http"));
        if (telemetry.OtlpEndpoint is { } endpoint)
        {
            otel.UseOtlpExporter(telemetry.OtlpProtocol == OtlpWire.HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc, endpoint);
        }
        else
        {
            // The standard OTEL_EXPORTER_OTLP_* variables, read by the SDK.
            otel.UseOtlpExporter();
        }
    }

    /// <summary>First in the pipeline: the metrics listener answers scrapes and 404s everything else, before any gateway middleware.</summary>
    public static void UseMetricsListener(this WebApplication app, MetricsListener? metrics)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (metrics is null)
        {
            return;
        }

        app.UseOpenTelemetryPrometheusScrapingEndpoint(metrics.IsScrape);
        app.Use(next => context =>
        {
            if (!metrics.Owns(context))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }

    // Probes and scrapes would be most of the traces and tell nothing.
    private static bool Traced(HttpContext context, MetricsListener? metrics) =>
        !(metrics?.Owns(context) ?? false)
        && !context.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal)
        && !context.Request.Path.StartsWithSegments("/readyz", StringComparison.Ordinal);
}
