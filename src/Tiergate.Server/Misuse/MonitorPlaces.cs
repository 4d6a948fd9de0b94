using System.Net;
using Tiergate.Monitoring.Places;

namespace Tiergate.Server.Misuse;

/// <summary>
/// The gateway's GeoIP lookup, or none: without a database the place-based detectors (new country, impossible
/// travel, key sharing by country and network) are off, and <see cref="Status"/> says so in words.
/// </summary>
public sealed class MonitorPlaces(PlaceLookup? lookup) : IDisposable
{
    public bool Available => lookup?.Available == true;

    public string Status => Available
        ? $"on ({(lookup!.Options.CityDatabase is not null ? "city" : "country")} precision{(lookup.AsnAvailable ? ", ASNs" : ", no ASN table")})"
        : $"off: {lookup?.UnavailableReason ?? "no GeoIP database configured"}; new_country and impossible_travel do not run, key_sharing counts addresses only (run scripts/setup-geoip)";

    public Place? Lookup(IPAddress address) => Available ? lookup!.Lookup(address) : null;

    public void Dispose() => lookup?.Dispose();
}
