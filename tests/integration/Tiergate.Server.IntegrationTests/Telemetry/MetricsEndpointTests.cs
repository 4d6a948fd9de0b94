using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tiergate.Testing.Cli;
using Tiergate.Testing.Gateway;

namespace Tiergate.Server.IntegrationTests.Telemetry;

/// <summary>
/// Issue 18, item 6: <c>tiergate serve --metrics-urls</c> serves Prometheus metrics at <c>/metrics</c> on a listener of its
/// own, and never on the public port; a scrape after real traffic shows requests, denials by code, tokens, screening
/// verdicts, the audit writer's commit latency and queue depth, and the usage-event queue and drops.
/// </summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Serve_MetricsUrls_ScrapeShowsTheSeriesAndThePublicPortHasNoMetrics()
    {
        var metricsPort = ServeReadiness.FreePort();
        using var serve = await TelemetryServe.StartAsync("--metrics-urls", metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var http = new HttpClient { BaseAddress = serve.Public };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", serve.Key);
        using var metricsHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };

        using var allowed = await http.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard"));
        var usage = (await allowed.Content.ReadFromJsonAsync<JsonObject>())!["usage"]!;
        using var unknown = await http.PostAsJsonAsync("/v1/chat/completions", Chat.Body("no-such-variant"));
        using var blocked = await http.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", text: ScreeningGatewayTests.BioPrompt));
        using var publicMetrics = await http.GetAsync("/metrics");
        // The metrics listener serves nothing else: not the API, not the health probes.
        using var apiOnMetrics = await metricsHttp.GetAsync("/v1/models");
        using var healthOnMetrics = await metricsHttp.GetAsync("/healthz");
        using var scrape = await metricsHttp.GetAsync("/metrics");
        var metrics = new PrometheusText(await scrape.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("model_not_found", await Chat.ErrorCodeAsync(unknown));
        Assert.Equal("content_blocked", await Chat.ErrorCodeAsync(blocked));
        Assert.Equal(HttpStatusCode.NotFound, publicMetrics.StatusCode);
        Assert.DoesNotContain("tiergate_", await publicMetrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, apiOnMetrics.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, healthOnMetrics.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Equal("text/plain", scrape.Content.Headers.ContentType?.MediaType);

        var general = ("tier", "general");
        Assert.Equal(1, metrics.Single("tiergate_gateway_requests_total", ("outcome", "Completed"), general, ("variant", "standard")));
        Assert.Equal(1, metrics.Single("tiergate_gateway_denials_total", ("code", "model_not_found")));
        Assert.Equal(1, metrics.Single("tiergate_gateway_denials_total", ("code", "content_blocked"), general));
        Assert.Equal(1, metrics.Single("tiergate_gateway_requests_total", ("outcome", "content_blocked"), general));
        Assert.Equal((double)usage["prompt_tokens"]!, metrics.Single("tiergate_gateway_tokens_total", ("type", "input"), general));
        Assert.Equal((double)usage["completion_tokens"]!, metrics.Single("tiergate_gateway_tokens_total", ("type", "output"), general));
        Assert.Equal(1, metrics.Single("tiergate_gateway_duration_seconds_count", ("outcome", "Completed"), general));
        Assert.Equal(1, metrics.Single("tiergate_screening_verdicts_total", ("direction", "input"), ("verdict", "allow"), general));
        Assert.Equal(1, metrics.Single("tiergate_screening_verdicts_total", ("direction", "input"), ("verdict", "block"), ("category", "bio"), general));
        Assert.Equal(1, metrics.Single("tiergate_screening_verdicts_total", ("direction", "output"), ("verdict", "allow"), general));

        // The audit writer: the admitted request, the denial and the block are records; each append's wait and each batch's commit are measured.
        Assert.True(metrics.Single("tiergate_audit_append_duration_seconds_count") >= 3, metrics.Text);
        Assert.True(metrics.Single("tiergate_audit_commit_duration_seconds_count") >= 1, metrics.Text);
        Assert.True(metrics.Single("tiergate_audit_commit_duration_seconds_sum") > 0, metrics.Text);
        Assert.Equal(metrics.Single("tiergate_audit_append_duration_seconds_count"), metrics.Single("tiergate_audit_append_duration_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(0, metrics.Single("tiergate_audit_queue_depth"));
        Assert.Equal(1, metrics.Single("tiergate_audit_available"));
        Assert.Equal(0, metrics.Single("tiergate_usage_events_dropped_total"));
        // The dispatcher drains in batches, so some of the published events may still wait.
        var published = metrics.Single("tiergate_usage_events_published_total");
        Assert.True(published >= 3, metrics.Text);
        Assert.InRange(metrics.Single("tiergate_usage_events_queue_depth"), 0, published);
        // ASP.NET Core's own request metrics ride along, for the public port's routes.
        Assert.NotEmpty(metrics.Values("http_server_request_duration_seconds_count", ("http_route", "/v1/chat/completions")));
    }

    [Fact]
    public async Task Serve_MetricsUrlOnThePublicPort_RefusedWithSettingsInvalid()
    {
        var cli = TiergateCli.InTempDirectory();
        var port = ServeReadiness.FreePort();

        var (exit, json) = await cli.JsonAsync("serve", "--urls", $"http://127.0.0.1:{port}", "--metrics-urls", $"http://127.0.0.1:{port}");

        Assert.NotEqual(0, exit);
        Assert.Equal("settings_invalid", (string?)json["error"]?["code"]);
        Assert.Contains("telemetry.metrics_urls", json.ToJsonString(), StringComparison.Ordinal);
    }
}
