using Microsoft.Extensions.Configuration.Memory;
using Tiergate.Server.Telemetry;
using Tiergate.Settings;

namespace Tiergate.Server.Tests.Settings;

/// <summary><c>telemetry</c> (metrics listener, OTLP export) and <c>logging.format</c>, from the file, the environment and serve's flags.</summary>
public sealed class TelemetrySettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tiergate-telemetry-settings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_NoTelemetry_NoListenerNoExportTextLogs()
    {
        var result = Load("server:\n  urls: [\"http://127.0.0.1:9000\"]\n");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Settings!.Telemetry.MetricsUrls);
        Assert.Null(result.Settings.Telemetry.OtlpEndpoint);
        Assert.False(result.Settings.Logging.Json);
    }

    [Fact]
    public void Load_MetricsUrlsAndOtlp_Read()
    {
        var result = Load("telemetry:\n  metrics_urls: [\"http://0.0.0.0:9464\", \"9465\"]\n  otlp_endpoint: http://collector:4318\n  otlp_protocol: http/protobuf\nlogging:\n  format: json\n");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(["http://0.0.0.0:9464", "http://127.0.0.1:9465"], result.Settings!.Telemetry.MetricsUrls);
        Assert.Equal(new Uri("http://collector:4318"), result.Settings.Telemetry.OtlpEndpoint);
        Assert.Equal(OtlpWire.HttpProtobuf, result.Settings.Telemetry.OtlpProtocol);
        Assert.True(result.Settings.Logging.Json);
    }

    [Fact]
    public void Load_ServeFlags_OverrideTheFile()
    {
        SettingsFlag[] flags = [new("telemetry:metrics_urls", "--metrics-urls", ["9470"]), new("logging:format", "--log-format", ["json"])];

        var result = Load("telemetry:\n  metrics_urls: [\"9464\"]\nlogging:\n  format: text\n", flags: flags);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(["http://127.0.0.1:9470"], result.Settings!.Telemetry.MetricsUrls);
        Assert.True(result.Settings.Logging.Json);
    }

    [Fact]
    public void Load_LogFormatFromTheEnvironment_OverridesTheFile()
    {
        var environment = new MemoryConfigurationSource { InitialData = new Dictionary<string, string?> { ["LOGGING:FORMAT"] = "json" } };

        var result = Load("logging:\n  format: text\n", environment);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.True(result.Settings!.Logging.Json);
    }

    [Theory]
    [InlineData("https://127.0.0.1:9464")]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://127.0.0.1:9464/metrics")]
    [InlineData("http://127.0.0.1:70000")]
    [InlineData("0")]
    [InlineData("metrics")]
    public void Load_MetricsUrlMalformed_ErrorWithItsPath(string url)
    {
        var result = Load($"telemetry:\n  metrics_urls: [\"{url}\"]\n");

        Assert.Equal("telemetry.metrics_urls[0]", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Load_MetricsUrlOnAPublicPort_ErrorNamingThePort()
    {
        var result = Load("server:\n  urls: [\"http://0.0.0.0:8080\"]\ntelemetry:\n  metrics_urls: [\"http://127.0.0.1:8080\"]\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("telemetry.metrics_urls[0]", error.Path);
        Assert.Contains("8080", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MetricsUrlOnTheDefaultPublicPort_Error()
    {
        var result = Load("telemetry:\n  metrics_urls: [\"8080\"]\n");

        Assert.Equal("telemetry.metrics_urls[0]", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Load_SameMetricsPortTwice_Error()
    {
        var result = Load("telemetry:\n  metrics_urls: [\"9464\", \"http://0.0.0.0:9464\"]\n");

        Assert.Equal("telemetry.metrics_urls[1]", Assert.Single(result.Errors).Path);
    }

    [Theory]
    [InlineData("collector:4317")]
    [InlineData("ftp://collector:4317")]
    [InlineData("http://user:secret@collector:4317")]
    public void Load_OtlpEndpointNotAnHttpAddress_ErrorThatDoesNotEchoIt(string endpoint)
    {
        var result = Load($"telemetry:\n  otlp_endpoint: \"{endpoint}\"\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("telemetry.otlp_endpoint", error.Path);
        Assert.DoesNotContain(endpoint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OtlpProtocolUnknownOrWithoutEndpoint_Errors()
    {
        Assert.Equal("telemetry.otlp_protocol", Assert.Single(Load("telemetry:\n  otlp_endpoint: http://c:4317\n  otlp_protocol: http/json\n").Errors).Path);
        Assert.Equal("telemetry.otlp_protocol", Assert.Single(Load("telemetry:\n  otlp_protocol: grpc\n").Errors).Path);
    }

    [Fact]
    public void Load_LogFormatUnknown_ErrorWithItsPath()
    {
        var result = Load("logging:\n  format: xml\n");

        Assert.Equal("logging.format", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Load_UnknownTelemetryKey_Rejected()
    {
        var result = Load("telemetry:\n  metrics_url: \"9464\"\n");

        Assert.Contains(result.Errors, e => e.Path == "telemetry.metrics_url" && e.Message.Contains("metrics_urls", StringComparison.Ordinal));
    }

    private SettingsLoadResult Load(string yaml, MemoryConfigurationSource? environment = null, SettingsFlag[]? flags = null)
    {
        var path = Path.Combine(_directory, "settings.yaml");
        File.WriteAllText(path, yaml);
        return DeploymentSettingsLoader.Load(path, flags ?? [], environment ?? new MemoryConfigurationSource());
    }
}
