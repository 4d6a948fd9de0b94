using Tiergate.Storage;

namespace Tiergate.Settings;

/// <summary>
/// Everything about where and how this instance runs, apart from the policy (which the audit log
/// hashes). A later section (redis, smtp, telemetry, retention) is one record with a <c>Read</c>
/// method, added here: the reader then knows its keys, so they are validated and no longer "unknown".
/// </summary>
/// <param name="DataDirectory"><c>data</c>: the SQLite database and <c>secrets/</c>.</param>
public sealed record DeploymentSettings(string DataDirectory, DatabaseSettings Database, SecretsSettings Secrets, ServerSettings Server, ConsoleSettings Console, MailSettings Mail, MonitoringSettings Monitoring, IdentitySettings Identity, AuditSettings Audit)
{
    public static DeploymentSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Read in this order, which is the order errors are reported in; telemetry needs the server's addresses.
        var data = settings.Value("data")?.AsPath() ?? StorageOptions.DefaultDataDirectory;
        var database = DatabaseSettings.Read(settings);
        var secrets = SecretsSettings.Read(settings);
        var server = ServerSettings.Read(settings);
        return new DeploymentSettings(
            data,
            database,
            secrets,
            server,
            ConsoleSettings.Read(settings),
            MailSettings.Read(settings),
            MonitoringSettings.Read(settings),
            IdentitySettings.Read(settings),
            AuditSettings.Read(settings))
        {
            Redis = RedisSettings.Read(settings),
            Telemetry = TelemetrySettings.Read(settings, server.Urls),
            Logging = LoggingSettings.Read(settings),
        };
    }

    /// <summary><c>telemetry</c>: the metrics listener and OTLP export; none by default.</summary>
    public TelemetrySettings Telemetry { get; init; } = TelemetrySettings.None;

    /// <summary><c>logging</c>: text or JSON log lines; text by default.</summary>
    public LoggingSettings Logging { get; init; } = LoggingSettings.Text;

    /// <summary><c>redis</c>: shared usage counters for several instances; none by default.</summary>
    public RedisSettings Redis { get; init; } = RedisSettings.None;

    public StorageOptions Storage => new(DataDirectory, Database.Connection)
    {
        SqliteFullSync = Database.SqliteFullSync,
        KekFile = Secrets.KekFile,
    };
}
