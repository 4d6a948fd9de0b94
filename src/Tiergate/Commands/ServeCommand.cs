using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Tiergate.Cli;
using Tiergate.Console.Hosting;
using Tiergate.Core.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tiergate.Server.Hosting;
using Tiergate.Server.Misuse;
using Tiergate.Server.Policies;
using Tiergate.Server.Telemetry;
using Tiergate.Settings;

namespace Tiergate.Commands;

/// <summary><c>tiergate serve</c>: the gateway on the configured policy and data.</summary>
internal static class ServeCommand
{
    public const string DefaultUrl = ServerSettings.DefaultUrl;

    /// <summary>
    /// True when <paramref name="parsed"/> runs serve: then the host, not System.CommandLine, handles SIGTERM and SIGINT,
    /// since System.CommandLine would end the process 2 s after the signal, in the middle of the drain.
    /// </summary>
    public static bool HandlesItsOwnSignals(ParseResult parsed) =>
        parsed is not null && parsed.CommandResult.Command.Name == "serve";

    public static Command Create()
    {
        var urls = new Option<string[]>("--urls") { Description = $"Address(es) to listen on (default {DefaultUrl})." };
        var redis = new Option<string?>("--redis") { Description = "Redis connection (host:6379[,ssl=true]) for usage counters shared by several gateways; without it each counts in its own memory." };
        var trustedProxy = new Option<string[]>("--trusted-proxy")
        {
            Description = "A reverse proxy (IP address or CIDR block) whose X-Forwarded-For is believed; repeat for several. Replaces server.trusted_proxies from the settings file and variables.",
        };
        var metricsUrls = new Option<string[]>("--metrics-urls") { Description = $"Address(es) of a separate metrics listener serving only /metrics (Prometheus), e.g. {MetricsAddress.Example}; a port alone means loopback. Off by default." };
        var logFormat = new Option<string?>("--log-format") { Description = "Log lines as text (default) or json (one object a line, with trace ids)." };
        var serve = new Command("serve", "Run the OpenAI-compatible gateway.") { urls, redis, trustedProxy, metricsUrls, logFormat };
        serve.SetAction(async (result, ct) =>
        {
            var output = new Output(false);
            var (policy, policyText) = CliContext.LoadPolicyWithText(result);
            if (!policy.IsValid)
            {
                return output.Failure(ErrorCodes.PolicyInvalid, "The policy has errors.", policy.Errors.Select(e => e.ToString()).ToList());
            }

            var settings = GlobalOptions.Deployment(
                result,
                GlobalOptions.Given(result, urls, "server:urls"),
                GlobalOptions.Given(result, redis, "redis:connection"),
                GlobalOptions.Given(result, trustedProxy, "server:trusted_proxies"),
                GlobalOptions.Given(result, metricsUrls, "telemetry:metrics_urls"),
                GlobalOptions.Given(result, logFormat, "logging:format"));
            var storage = settings.Storage;
            WebApplication app;
            try
            {
                app = await TiergateServer.BuildAsync(
                    new ServerOptions(storage, policy.Policy!, settings.Server.Urls) { TrustedProxies = settings.Server.TrustedProxies, Places = settings.Monitoring.Places, Detectors = settings.Monitoring.Enabled, AuditRetention = settings.Audit.Retention, Redis = settings.Redis.Connection, ShutdownTimeout = settings.Server.ShutdownTimeout, PolicySource = new PolicySourceOptions(result.GetValue(GlobalOptions.Config), PolicySourceOptions.DefaultPollInterval), PolicyText = policyText, Telemetry = TelemetryFrom(settings) },
                    TiergateConsole.Services(ConsoleOptionsFrom(settings)),
                    TiergateConsole.Map);
            }
            catch (TiergateException e)
            {
                return output.Failure(e.Code, e.Message);
            }
            catch (Exception e) when (CliContext.IsStorageFailure(e))
            {
                return output.Failure(ErrorCodes.StorageUnavailable, $"Cannot open the database: {e.Message}");
            }

            await using var _ = app;
            await app.StartAsync(ct);
            var where = storage.UsesPostgres ? "PostgreSQL" : storage.SqlitePath;
            var running = app.Services.GetRequiredService<PolicyHolder>().Current;
            var config = $"{(running.Version is { } version ? $"{result.GetValue(GlobalOptions.Config) ?? "stored"} version {version}" : DefaultPolicy.Name)}, {running.Hash?[..12]}";
            var counters = settings.Redis.Connection is null ? "in process" : "Redis";
            var metricsPorts = settings.Telemetry.MetricsUrls.Select(u => MetricsAddress.PortOf(u)).ToHashSet();
            List<string> lines =
            [
                $"Tiergate listening on {string.Join(", ", app.Urls.Where(u => !metricsPorts.Contains(MetricsAddress.PortOf(u))))} (policy: {config}; data: {where}; usage counters: {counters})",
                settings.Monitoring.Enabled
                    ? $"Monitoring places: {app.Services.GetRequiredService<MonitorPlaces>().Status}"
                    : "Monitoring: detectors off (monitoring.enabled: false)",
            ];
            if (settings.Telemetry.MetricsUrls.Count > 0)
            {
                lines.Add($"Metrics at {string.Join(", ", settings.Telemetry.MetricsUrls.Select(u => u + MetricsListener.Path))}");
            }

            ServeStartupLines.Write(lines, settings.Logging.Json ? app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tiergate.Serve") : null);
            // SIGTERM and SIGINT reach the host (Program.cs leaves them to it for serve): it drains, stops, and the
            // disposal above flushes the audit writer before the process exits 0.
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return serve;
    }

    private static TelemetryOptions TelemetryFrom(DeploymentSettings settings) => new()
    {
        MetricsUrls = settings.Telemetry.MetricsUrls,
        OtlpEndpoint = settings.Telemetry.OtlpEndpoint,
        OtlpProtocol = settings.Telemetry.OtlpProtocol,
        JsonLogs = settings.Logging.Json,
    };

    private static ConsoleOptions ConsoleOptionsFrom(DeploymentSettings settings) =>
        new(settings.Console.BaseUrl(settings.Server.Urls), settings.DataDirectory)
        {
            Smtp = CliMail.Smtp(settings),
            OutboxFrom = settings.Mail.From,
            Identity = settings.Identity.Vendors(),
        };
}
