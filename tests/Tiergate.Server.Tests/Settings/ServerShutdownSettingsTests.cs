using Microsoft.Extensions.Configuration.Memory;
using Tiergate.Settings;

namespace Tiergate.Server.Tests.Settings;

/// <summary><c>server.shutdown_timeout</c>: how long a SIGTERM'd instance lets requests in flight run on.</summary>
public sealed class ServerShutdownSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tiergate-server-settings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_NoShutdownTimeout_ThirtySeconds()
    {
        var result = Load("server:\n  urls: [\"http://127.0.0.1:9000\"]\n");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(TimeSpan.FromSeconds(30), result.Settings!.Server.ShutdownTimeout);
    }

    [Fact]
    public void Load_ShutdownTimeoutInMinutes_Read()
    {
        var result = Load("server:\n  shutdown_timeout: 2m\n");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(TimeSpan.FromMinutes(2), result.Settings!.Server.ShutdownTimeout);
    }

    [Fact]
    public void Load_ShutdownTimeoutFromTheEnvironment_OverridesTheFile()
    {
        var environment = new MemoryConfigurationSource { InitialData = new Dictionary<string, string?> { ["SERVER:SHUTDOWN_TIMEOUT"] = "5s" } };

        var result = Load("server:\n  shutdown_timeout: 2m\n", environment);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(TimeSpan.FromSeconds(5), result.Settings!.Server.ShutdownTimeout);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("30")]
    [InlineData("soon")]
    public void Load_ShutdownTimeoutNotAPositiveDuration_ErrorWithItsPath(string value)
    {
        var result = Load($"server:\n  shutdown_timeout: {value}\n");

        Assert.Equal("server.shutdown_timeout", Assert.Single(result.Errors).Path);
    }

    private SettingsLoadResult Load(string yaml, MemoryConfigurationSource? environment = null)
    {
        var path = Path.Combine(_directory, "settings.yaml");
        File.WriteAllText(path, yaml);
        return DeploymentSettingsLoader.Load(path, [], environment ?? new MemoryConfigurationSource());
    }
}
