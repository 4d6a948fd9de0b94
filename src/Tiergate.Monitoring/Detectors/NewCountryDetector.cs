using Tiergate.Core.Monitoring;

namespace Tiergate.Monitoring.Detectors;

/// <summary>
/// A request from a country this user has never used, once the user has some history. A trip looks like a trip: a
/// new country reached with a client (user agent) the user has used before, after enough time to travel there (at
/// impossible travel's speed limit), is learnt without an alert unless the tier sets <c>quiet_when_travel_plausible: 0</c>.
/// A stolen key is usually used from another client, or too soon after the owner's own use. The evidence says which.
/// </summary>
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
        var clientNew = input.Event.UserAgent is { } agent && input.User.Clients.Count > 0 && !input.User.Clients.Contains(TextHash.Of(agent));
        var travel = Travel(input, place);
        if (!clientNew && travel is not false && input.Threshold(Name, "quiet_when_travel_plausible") >= 1)
        {
            input.User.Cooldowns.Remove(Name);
            return;
        }

        into.Add(Evidence.New(Name, input, DetectionSeverity.Low, new Dictionary<string, string>
        {
            ["seen"] = $"request from {Evidence.Describe(place)}",
            ["asn_new"] = place.Asn is { } asn ? (input.User.Places.Exists(p => p.Asn == asn) ? "no" : "yes") : "unknown",
            ["known_countries"] = string.Join(",", input.User.Places.Select(p => p.Country).Where(c => c is not null).Distinct().Order(StringComparer.Ordinal).Take(12)),
            ["history_days"] = Evidence.Text(historyDays),
            ["min_history_days"] = Evidence.Text(minDays),
            ["client_new"] = clientNew ? "yes" : "no",
            ["travel_from_last_place"] = travel switch { true => "plausible", false => "too fast to be travel", null => "unknown (no earlier located request)" },
        }));
    }

    /// <summary>Whether the time since the user's last located request allows travelling here; null when unknown.</summary>
    private static bool? Travel(DetectorInput input, Places.Place place)
    {
        if (input.User.Last is not { } last || !place.HasCoordinates)
        {
            return null;
        }

        var km = Places.GreatCircle.DistanceKm(last.Latitude, last.Longitude, place.Latitude!.Value, place.Longitude!.Value);
        var hours = (input.Event.At - last.At).TotalHours;
        return hours > 0 && km / hours <= input.Threshold(DetectorCatalogue.ImpossibleTravel, "max_kmh");
    }
}
