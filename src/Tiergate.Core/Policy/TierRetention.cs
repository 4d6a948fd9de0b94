namespace Tiergate.Core.Policy;

/// <summary>
/// How long the server keeps a tier's monitoring data (<c>tiers[].retention</c>), apart from the audit log, which has its
/// own retention in the settings (<c>audit: { keep }</c>). Defaults depend on the tier's privacy mode: traffic of tiers
/// that must not be watched in detail is kept for a shorter time (<see cref="DefaultFor"/>).
/// </summary>
/// <param name="UsageEvents">The usage monitoring keeps: hourly traffic counts, and detectors' per-user state (recent times, places, prompt sketches of <c>full</c> tiers).</param>
/// <param name="Alerts">Closed alerts (resolved, false positive) and finished responses, counted from their last change; open ones are kept.</param>
public sealed record TierRetention(TimeSpan UsageEvents, TimeSpan Alerts)
{
    public static readonly TimeSpan DefaultUsageEvents = TimeSpan.FromDays(90);

    /// <summary>For <c>metadata-only</c> and <c>aggregate</c> tiers.</summary>
    public static readonly TimeSpan DefaultRestrictedUsageEvents = TimeSpan.FromDays(30);

    public static readonly TimeSpan DefaultAlerts = TimeSpan.FromDays(365);

    /// <summary>Shortest value accepted: retention runs once per interval, so less than this would mean nothing.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromMinutes(1);

    /// <summary>Usage events 90 days (30 days when privacy is <c>metadata-only</c> or <c>aggregate</c>), alerts 365 days.</summary>
    public static TierRetention DefaultFor(PrivacyMode privacy) =>
        new(privacy == PrivacyMode.Full ? DefaultUsageEvents : DefaultRestrictedUsageEvents, DefaultAlerts);
}
