using Tiergate.Core.Monitoring;
using Tiergate.Monitoring.Detectors.State;
using Tiergate.Monitoring.Places;

namespace Tiergate.Monitoring.Detectors;

/// <summary>
/// Two requests whose places are farther apart than anyone can travel in the time between them. A move to a
/// place (country and network) the user has used before is a VPN or a second office, not travel, and does not alert.
/// </summary>
public sealed class ImpossibleTravelDetector : IDetector
{
    public string Name => DetectorCatalogue.ImpossibleTravel;

    public void Observe(DetectorInput input, List<Detection> into)
    {
        if (!input.IsRequest || input.Place is not { HasCoordinates: true } place)
        {
            return;
        }

        var at = input.Event.At;
        var user = input.User;
        if (user.Last is { } last && at >= last.At)
        {
            Check(input, place, last, at, into);
        }

        user.Last = new LastPlace
        {
            Latitude = place.Latitude!.Value,
            Longitude = place.Longitude!.Value,
            Country = place.CountryCode,
            Asn = place.Asn,
            Precision = place.Precision,
            At = at,
        };
    }

    private void Check(DetectorInput input, Place place, LastPlace last, DateTimeOffset at, List<Detection> into)
    {
        var km = GreatCircle.DistanceKm(last.Latitude, last.Longitude, place.Latitude!.Value, place.Longitude!.Value);
        var minKm = input.Threshold(Name, "min_km");
        var hours = (at - last.At).TotalHours;
        var kmh = hours <= 0 ? double.PositiveInfinity : km / hours;
        var maxKmh = input.Threshold(Name, "max_kmh");
        if (km < minKm || kmh <= maxKmh || input.User.Knows(place.CountryCode, place.Asn)
            || (at - input.User.FirstSeen).TotalDays < input.Threshold(Name, "learning_days")
            || !Evidence.CooledDown(input.User.Cooldowns, Name, at, input.Threshold(Name, "cooldown_hours")))
        {
            return;
        }

        var coarse = last.Precision != PlacePrecision.City || place.Precision != PlacePrecision.City;
        into.Add(Evidence.New(Name, input, DetectionSeverity.Medium, new Dictionary<string, string>
        {
            ["from"] = $"{last.Country ?? "unknown country"}{(last.Asn is { } a ? $" AS{Evidence.Text(a)}" : "")} ({last.Precision} precision) at {Evidence.Text(last.At)}",
            ["to"] = $"{Evidence.Describe(place)} at {Evidence.Text(at)}",
            ["distance_km"] = Evidence.Text(Math.Round(km)),
            ["hours"] = Evidence.Text(hours),
            ["speed_kmh"] = double.IsInfinity(kmh) ? "infinite (same instant)" : Evidence.Text(Math.Round(kmh)),
            ["max_kmh"] = Evidence.Text(maxKmh),
            ["min_km"] = Evidence.Text(minKm),
            ["distance_basis"] = coarse ? "country reference points (only the country is known; docs/monitoring.md#places)" : "city coordinates",
        }));
    }
}
