namespace Tiergate.Core.Policy;

/// <summary>Reads <c>tiers[].retention: { usage_events: 90d, alerts: 365d }</c>; a value left out takes the privacy mode's default.</summary>
internal static class RetentionReader
{
    public static TierRetention Read(YamlFields tier, PrivacyMode privacy)
    {
        var defaults = TierRetention.DefaultFor(privacy);
        var r = tier.Nested("retention");
        var retention = new TierRetention(
            Duration(r, "usage_events") ?? defaults.UsageEvents,
            Duration(r, "alerts") ?? defaults.Alerts);
        r.RejectUnknownKeys();
        return retention;
    }

    private static TimeSpan? Duration(YamlFields r, string key)
    {
        var text = r.String(key);
        if (text is null)
        {
            return null;
        }

        if (!DurationText.TryParse(text, out var duration))
        {
            r.Error(r.Child(key), $"expected {DurationText.Expected}, got '{text}'", r.Node(key));
            return null;
        }

        if (duration < TierRetention.Minimum)
        {
            r.Error(r.Child(key), $"must be at least {DurationText.Format(TierRetention.Minimum)}, got '{text}'", r.Node(key));
            return null;
        }

        return duration;
    }
}
