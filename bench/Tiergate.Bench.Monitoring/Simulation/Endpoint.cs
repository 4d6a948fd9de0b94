namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>
/// Where a request comes from, as a GeoIP city database would report it: address, country, ASN and coordinates.
/// <paramref name="Kind"/> says what it is in the simulation (home, office, mobile, vpn, cloud, hotel, attacker); it is not written out.
/// </summary>
internal sealed record Endpoint(string Ip, City City, int Asn, double Lat, double Lon, string Kind)
{
    public string Country => City.Country;

    /// <summary>An address of <paramref name="asn"/> in <paramref name="city"/>; coordinates a few km off the centre, as GeoIP reports them.</summary>
    public static Endpoint Of(City city, int asn, long host, string kind)
    {
        var ip = Addresses.For(asn, city.Index, host);
        var h = Addresses.Hash(ip);
        var lat = Math.Round(city.Lat + ((((h & 0xFFFF) / 65535.0) - 0.5) * 0.08), 4);
        var lon = Math.Round(city.Lon + (((((h >> 16) & 0xFFFF) / 65535.0) - 0.5) * 0.08), 4);
        return new Endpoint(ip, city, asn, lat, lon, kind);
    }
}
