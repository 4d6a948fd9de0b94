using System.Globalization;
using Tiergate.Core.Policy;
using Tiergate.Monitoring.Places;

namespace Tiergate.Monitoring.Detectors;

/// <summary>Builds detections: evidence as invariant text, severity weighted by the tier, cooldowns, masking for <c>aggregate</c> tiers.</summary>
internal static class Evidence
{
    public static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Describe(Place place) =>
        $"{place.CountryCode ?? "unknown country"}{(place.Asn is { } asn ? $" AS{Text(asn)}" : "")} ({place.Precision} precision)";

    /// <summary>True (and the cooldown restarted) when the detector may alert again for this subject.</summary>
    public static bool CooledDown(Dictionary<string, DateTimeOffset> cooldowns, string key, DateTimeOffset at, double hours)
    {
        if (cooldowns.TryGetValue(key, out var last) && at - last < TimeSpan.FromHours(hours))
        {
            return false;
        }

        cooldowns[key] = at;
        return true;
    }

    public static Detection New(string detector, DetectorInput input, DetectionSeverity severity, Dictionary<string, string> evidence)
    {
        var tier = input.Tier;
        var weighted = tier.Monitoring.Level == MonitoringLevel.Enhanced && severity < DetectionSeverity.High ? severity + 1 : severity;
        evidence["tier_level"] = tier.Monitoring.Level == MonitoringLevel.Enhanced ? "enhanced (severity raised one step)" : "standard";
        evidence["at"] = Text(input.Event.At);
        return new Detection(detector, input.UserId, input.Event.KeyId, tier.Name, weighted, input.Event.At, evidence)
        {
            Masked = tier.Monitoring.Privacy == PrivacyMode.Aggregate,
        };
    }
}
