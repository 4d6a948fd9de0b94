using Tiergate.Core.Monitoring;
using Tiergate.Monitoring.Detectors.State;

namespace Tiergate.Monitoring.Detectors;

/// <summary>
/// One key used from more countries, networks (ASNs) or addresses at once than one person plausibly is. Without a
/// GeoIP database only addresses are counted, and the evidence says so.
/// </summary>
public sealed class KeySharingDetector : IDetector
{
    public string Name => DetectorCatalogue.KeySharing;

    public void Observe(DetectorInput input, List<Detection> into)
    {
        if (!input.IsRequest || input.Key is not { } key || input.Event.ClientAddress is not { } address)
        {
            return;
        }

        var at = input.Event.At;
        var window = TimeSpan.FromMinutes(input.Threshold(Name, "window_minutes"));
        key.Add(new KeyUse { At = at, Address = TextHash.Of(address), Asn = input.Place?.Asn, Country = input.Place?.CountryCode }, at - window);
        var countries = key.Countries.Count;
        var asns = key.Asns.Count;
        var addresses = key.Addresses;
        var maxCountries = input.Threshold(Name, "max_countries");
        var maxAsns = input.Threshold(Name, "max_asns");
        var maxAddresses = input.Threshold(Name, "max_addresses");
        var over = countries > maxCountries || asns > maxAsns || addresses > maxAddresses;
        if (!over || (key.AlertedAt is { } last && at - last < TimeSpan.FromHours(input.Threshold(Name, "cooldown_hours"))))
        {
            return;
        }

        key.AlertedAt = at;
        into.Add(Evidence.New(Name, input, DetectionSeverity.Medium, new Dictionary<string, string>
        {
            ["seen"] = $"{Evidence.Text(countries)} countries, {Evidence.Text(asns)} networks, {Evidence.Text(addresses)} addresses within {Evidence.Text(window.TotalMinutes)} minutes",
            ["countries"] = string.Join(",", key.Countries.Order(StringComparer.Ordinal).Take(12)),
            ["asns"] = string.Join(",", key.Asns.Order().Take(12).Select(a => $"AS{Evidence.Text(a)}")),
            ["max_countries"] = Evidence.Text(maxCountries),
            ["max_asns"] = Evidence.Text(maxAsns),
            ["max_addresses"] = Evidence.Text(maxAddresses),
            ["places"] = input.Place is null ? "off: no GeoIP database or unknown address; addresses only" : "GeoIP",
        }));
    }

}
