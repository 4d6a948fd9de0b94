namespace Tiergate.Core.Monitoring;

/// <summary>
/// Every detector and its documented thresholds (docs/monitoring.md is generated from the same words). A tier's
/// <c>monitoring.detectors</c> block overrides any of them; <c>enabled: false</c> turns a detector off for the tier.
/// Enhanced tiers raise every alert one severity step (low → medium → high).
/// </summary>
public static class DetectorCatalogue
{
    public const string NewCountry = "new_country";
    public const string ImpossibleTravel = "impossible_travel";
    public const string RateSpike = "rate_spike";
    public const string Automation = "automation";
    public const string Circumvention = "circumvention";
    public const string KeySharing = "key_sharing";
    public const string OutsidePurpose = "outside_purpose";

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<DetectorParameter>> Parameters = new Dictionary<string, IReadOnlyList<DetectorParameter>>(StringComparer.Ordinal)
    {
        [NewCountry] =
        [
            new("min_history_days", 3, 0, 365, "days of history with this user before a new country alerts (before that, countries are learnt silently)"),
            new("quiet_when_travel_plausible", 1, 0, 1, "1: a new country reached with a client the user has used before, after time enough to travel there, is learnt without an alert"),
            new("cooldown_hours", 24, 0, 720, "at most one alert per user in this time"),
        ],
        [ImpossibleTravel] =
        [
            new("max_kmh", 800, 100, 20000, "speed between two requests' places above which travel is impossible (Entra ID, Okta: 800 km/h)"),
            new("min_km", 500, 0, 20000, "distances below this are GeoIP noise, never travel"),
            new("learning_days", 3, 0, 365, "days of history with this user before travel alerts (a learning period, as Entra ID's and Defender's)"),
            new("cooldown_hours", 6, 0, 720, "at most one alert per user in this time"),
        ],
        [RateSpike] =
        [
            new("factor", 8, 1.5, 1000, "an hour's requests must exceed the user's baseline (mean of active hours) this many times"),
            new("deviations", 6, 1, 100, "and exceed the baseline by this many standard deviations"),
            new("min_requests", 100, 1, 1_000_000, "and be at least this many requests"),
            new("min_history_hours", 6, 1, 10_000, "active hours of history (hours with at least one request) before the baseline is trusted"),
        ],
        [Automation] =
        [
            new("regular_requests", 30, 5, 90, "requests one period apart, each within the tolerance (other requests may fall between them), that make a timer"),
            new("interval_tolerance", 0.02, 0, 0.5, "how far, as a fraction of the period, each interval may stray: a timer's stay within it, people's and latency-bound loops' do not"),
            new("sweep_prompts", 25, 3, 10_000, "near-identical prompts within the window that make a sweep"),
            new("sweep_similarity", 0.6, 0.1, 1, "MinHash similarity at which two prompts are near-identical"),
            new("window_minutes", 10, 1, 1440, "sweep window"),
            new("cooldown_hours", 6, 0, 720, "at most one alert per user and tier in this time"),
        ],
        [Circumvention] =
        [
            new("streak", 5, 2, 1000, "blocked prompts within the window that make a streak (flags are a flagging tier's purpose and do not count)"),
            new("window_minutes", 15, 1, 1440, "streak window"),
            new("variations", 3, 1, 1000, "prompts similar to a blocked one, after it, that make an attempt to get around the block"),
            new("variation_similarity", 0.35, 0.05, 1, "MinHash similarity to the blocked prompt at which a prompt is a variation"),
            new("variation_minutes", 30, 1, 1440, "how long after a block its variations are counted"),
            new("cooldown_hours", 1, 0, 720, "at most one alert per user and tier in this time"),
        ],
        [KeySharing] =
        [
            new("max_countries", 2, 1, 1000, "distinct countries one key may be used from within the window"),
            new("max_asns", 3, 1, 1000, "distinct networks (ASNs) one key may be used from within the window"),
            new("max_addresses", 24, 1, 100_000, "distinct addresses one key may be used from within the window"),
            new("window_minutes", 60, 1, 1440, "key-sharing window"),
            new("cooldown_hours", 6, 0, 720, "at most one alert per key in this time"),
        ],
        [OutsidePurpose] =
        [
            new("min_hits", 3, 1, 1000, "screening hits (prompts or answers) outside the tier's purpose within the window before an alert"),
            new("window_hours", 24, 1, 720, "window"),
            new("cooldown_hours", 24, 0, 720, "at most one alert per user and tier in this time"),
        ],
    };

    public static IEnumerable<string> Names => Parameters.Keys;
}
