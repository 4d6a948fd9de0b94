using Tiergate.Core.Monitoring;

namespace Tiergate.Monitoring.Detectors;

/// <summary>A request from a country this user has never used, once the user has some history; the evidence says whether the network (ASN) is new too.</summary>
public sealed class NewCountryDetector : IDetector
{
    public string Name => DetectorCatalogue.NewCountry;

    public void Observe(DetectorInput input, List<Detection> into)
    {
        if (!input.IsRequest || input.Place?.CountryCode is not { } country || input.User.Places.Count == 0 || input.User.KnowsCountry(country))
        {
            return;
        }

        var at = input.Event.At;
        var historyDays = (at - input.User.FirstSeen).TotalDays;
        var minDays = input.Threshold(Name, "min_history_days");
        if (historyDays < minDays || !Evidence.CooledDown(input.User.Cooldowns, Name, at, input.Threshold(Name, "cooldown_hours")))
        {
            return;
        }

        var place = input.Place;
        into.Add(Evidence.New(Name, input, DetectionSeverity.Low, new Dictionary<string, string>
        {
            ["seen"] = $"request from {Evidence.Describe(place)}",
            ["asn_new"] = place.Asn is { } asn ? (input.User.Places.Exists(p => p.Asn == asn) ? "no" : "yes") : "unknown",
            ["known_countries"] = string.Join(",", input.User.Places.Select(p => p.Country).Where(c => c is not null).Distinct().Order(StringComparer.Ordinal).Take(12)),
            ["history_days"] = Evidence.Text(historyDays),
            ["min_history_days"] = Evidence.Text(minDays),
        }));
    }
}
