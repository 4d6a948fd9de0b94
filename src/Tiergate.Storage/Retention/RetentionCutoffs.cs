using Tiergate.Core.Policy;

namespace Tiergate.Storage.Retention;

/// <summary>
/// What monitoring retention deletes at one instant, from the policy's <c>tiers[].retention</c>.
/// Data of a tier that is no longer in the policy, and alerts raised outside any tier, are kept as long as the
/// longest setting of any tier (or the <c>full</c>-privacy default, when that is longer): they are never deleted sooner
/// than a current tier's data would be. Detectors' per-user state mixes a user's tiers, so it follows the longest usage setting too.
/// </summary>
public sealed record RetentionCutoffs(IReadOnlyDictionary<string, TierCutoffs> Tiers, TierCutoffs Others, DateTimeOffset MonitorStateBefore)
{
    public static RetentionCutoffs For(PolicyDocument policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var tiers = policy.Tiers.ToDictionary(t => t.Name, t => new TierCutoffs(now - t.Retention.UsageEvents, now - t.Retention.Alerts), StringComparer.Ordinal);
        var longestUsage = policy.Tiers.Select(t => t.Retention.UsageEvents).Append(TierRetention.DefaultUsageEvents).Max();
        var longestAlerts = policy.Tiers.Select(t => t.Retention.Alerts).Append(TierRetention.DefaultAlerts).Max();
        return new RetentionCutoffs(tiers, new TierCutoffs(now - longestUsage, now - longestAlerts), now - longestUsage);
    }
}
