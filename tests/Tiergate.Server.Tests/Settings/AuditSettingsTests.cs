using Microsoft.Extensions.Configuration.Memory;
using Tiergate.Server.Retention;
using Tiergate.Settings;

namespace Tiergate.Server.Tests.Settings;

/// <summary>The <c>audit</c> section: scheduled retention's keep, archive directory and interval.</summary>
public sealed class AuditSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tiergate-audit-settings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_NoAuditSection_NoRetention()
    {
        var result = Load("server:\n  urls: [\"http://127.0.0.1:9000\"]\n");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Null(result.Settings!.Audit.Retention);
    }

    [Fact]
    public void Load_KeepAndRelativeArchiveDir_ResolvedBesideTheFileWithDefaultInterval()
    {
        var result = Load("audit:\n  keep: 30d\n  archive_dir: archive\n");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(new AuditRetentionOptions(TimeSpan.FromDays(30), Path.Combine(_directory, "archive"), TimeSpan.FromHours(1)), result.Settings!.Audit.Retention);
    }

    [Fact]
    public void Load_ShortKeepForTests_IntervalIsTheKeep()
    {
        var result = Load("audit:\n  keep: 10m\n  archive_dir: /srv/archive\n");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal((TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10)), (result.Settings!.Audit.Retention!.Keep, result.Settings.Audit.Retention.Interval));
    }

    [Fact]
    public void Load_BadDurationsAndMissingDirectory_EveryErrorWithItsPath()
    {
        var bad = Load("audit:\n  keep: 30 days\n  archive_dir: /srv/archive\n  interval: 0m\n");
        var noDirectory = Load("audit:\n  keep: 30d\n");
        var noKeep = Load("audit:\n  archive_dir: /srv/archive\n");

        Assert.Equal(["audit.interval", "audit.keep"], bad.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Equal("audit.archive_dir", Assert.Single(noDirectory.Errors).Path);
        Assert.Equal("audit.keep", Assert.Single(noKeep.Errors).Path);
    }

    private SettingsLoadResult Load(string yaml)
    {
        var path = Path.Combine(_directory, "settings.yaml");
        File.WriteAllText(path, yaml);
        return DeploymentSettingsLoader.Load(path, [], new MemoryConfigurationSource());
    }
}
