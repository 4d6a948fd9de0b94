using Tiergate.Core.Policy;
using Tiergate.Server.Retention;

namespace Tiergate.Settings;

/// <summary>
/// <c>audit</c>: scheduled retention. <c>audit: { keep: 30d, archive_dir: PATH }</c> makes the server move
/// audit records older than <c>keep</c> into archive files in <c>archive_dir</c>, once per <c>interval</c>
/// (default one hour, or <c>keep</c> when shorter). Durations: a whole number and <c>s</c>, <c>m</c>,
/// <c>h</c> or <c>d</c> (<c>10m</c> for tests). Without <c>keep</c> nothing is archived.
/// </summary>
public sealed record AuditSettings(AuditRetentionOptions? Retention)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    public static AuditSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var keepValue = settings.Value("audit:keep");
        var directory = settings.Value("audit:archive_dir");
        var intervalValue = settings.Value("audit:interval");
        var keep = keepValue is null ? null : Duration(settings, keepValue);
        var interval = intervalValue is null ? null : Duration(settings, intervalValue);
        if (keepValue is null)
        {
            if (directory is not null || intervalValue is not null)
            {
                settings.Error("audit:keep", "is required when audit:archive_dir or audit:interval is set (how long records stay in the database, e.g. 30d)");
            }

            return new AuditSettings((AuditRetentionOptions?)null);
        }

        if (directory is null)
        {
            settings.Error("audit:archive_dir", "is required with audit:keep: the directory the archives are written to");
            return new AuditSettings((AuditRetentionOptions?)null);
        }

        if (keep is not { } kept || interval is null && intervalValue is not null)
        {
            return new AuditSettings((AuditRetentionOptions?)null);
        }

        return new AuditSettings(new AuditRetentionOptions(kept, directory.AsPath(), interval ?? (kept < DefaultInterval ? kept : DefaultInterval)));
    }

    /// <summary>Parses <c>30d</c>, <c>12h</c>, <c>10m</c>, <c>90s</c> (<see cref="DurationText"/>); reports an error and returns null otherwise.</summary>
    internal static TimeSpan? Duration(SettingsReader settings, SettingValue value)
    {
        if (DurationText.TryParse(value.Text, out var duration))
        {
            return duration;
        }

        settings.Error(value, $"must be {DurationText.Expected}, not '{value.Text}'");
        return null;
    }
}
