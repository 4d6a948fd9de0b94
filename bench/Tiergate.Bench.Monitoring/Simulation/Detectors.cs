namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>The detectors' stable names (issue 15, MONITOR.md).</summary>
internal static class Detectors
{
    public const string NewCountry = "new_country";
    public const string ImpossibleTravel = "impossible_travel";
    public const string RateSpike = "rate_spike";
    public const string Automation = "automation";
    public const string Circumvention = "circumvention";
    public const string KeySharing = "key_sharing";
    public const string OutsidePurpose = "outside_purpose";

    public static readonly string[] All = [NewCountry, ImpossibleTravel, RateSpike, Automation, Circumvention, KeySharing, OutsidePurpose];
}
