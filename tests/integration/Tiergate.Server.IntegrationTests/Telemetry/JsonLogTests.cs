using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Tiergate.Testing.Gateway;

namespace Tiergate.Server.IntegrationTests.Telemetry;

/// <summary>
/// Issue 18, item 6: <c>serve --log-format json</c> writes one JSON object a line, a request's lines carry its trace id (the
/// caller's W3C <c>traceparent</c> when it sent one), and no line holds prompt text or a key's secret.
/// </summary>
public sealed class JsonLogTests
{
    [Fact]
    public async Task Serve_LogFormatJson_EveryLineJsonWithTheRequestsTraceIdAndNoPromptOrSecret()
    {
        var planted = "planted" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var traceId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        string stdout;
        string stderr;
        string key;
        using (var serve = await TelemetryServe.StartAsync("--log-format", "json"))
        {
            key = serve.Key;
            using var http = new HttpClient { BaseAddress = serve.Public };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", serve.Key);
            using var allowed = await http.PostAsJsonAsync("/v1/chat/completions", Chat.Body("standard", text: $"hello {planted}"));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.Contains(planted, await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // A refusal is logged (event 1001) inside the request, so its line carries the request's trace.
            using var denied = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(Chat.Body("no-such-variant", text: planted)) };
            denied.Headers.Add("traceparent", $"00-{traceId}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant()}-01");
            using var refused = await http.SendAsync(denied);
            Assert.Equal("model_not_found", await Chat.ErrorCodeAsync(refused));
            (stdout, stderr) = await serve.StopAsync();
            Assert.True(serve.Process.ExitCode == 0, stderr);
        }

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        var logs = lines.Select(line => JsonNode.Parse(line) as JsonObject ?? throw new Xunit.Sdk.XunitException($"not a JSON object: {line}")).ToList();
        Assert.All(logs, log => Assert.NotNull(log["LogLevel"]));
        Assert.Contains(logs, log => (string?)log["Category"] == "Tiergate.Serve" && ((string?)log["Message"])!.StartsWith("Tiergate listening on", StringComparison.Ordinal));
        var refusal = Assert.Single(logs, log => (int?)log["EventId"] == 1001);
        var scopes = refusal["Scopes"]!.AsArray();
        Assert.Contains(scopes, scope => (string?)scope?["TraceId"] == traceId);
        Assert.Contains(scopes, scope => ((string?)scope?["SpanId"])?.Length == 16);
        Assert.DoesNotContain(planted, stdout + stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(key, stdout + stderr, StringComparison.Ordinal);
        // The key's secret part (after "tg_" and the 12-character id that logs may name) appears nowhere.
        Assert.DoesNotContain(key.Substring(3 + Tiergate.Core.Keys.ApiKeyFormat.IdLength, Tiergate.Core.Keys.ApiKeyFormat.SecretLength), stdout + stderr, StringComparison.Ordinal);
    }
}
