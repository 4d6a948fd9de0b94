namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>
/// The fixed geography of the simulation: ~30 real cities, the networks users reach the gateway from,
/// and hosting/VPN networks. ASNs are the real operators' numbers as far as known; they only have to be
/// plausible and stable (the replay takes country/ASN/lat/lon from each line as given).
/// </summary>
internal static class World
{
    public static readonly City[] Cities = Index(
    [
        new("London", "GB", 51.507, -0.128, 0, [2856, 5089, 5607], 12576, 786),
        new("Manchester", "GB", 53.481, -2.242, 0, [2856, 5089], 12576, 786),
        new("Paris", "FR", 48.857, 2.352, 1, [3215, 12322, 5410], 15557, 2200),
        new("Lyon", "FR", 45.764, 4.836, 1, [3215, 12322], 15557, 2200),
        new("Berlin", "DE", 52.520, 13.405, 1, [3320, 3209, 6805], 6805, 680),
        new("Munich", "DE", 48.137, 11.575, 1, [3320, 3209], 6805, 680),
        new("Frankfurt", "DE", 50.110, 8.682, 1, [3320, 3209], 6805, 680),
        new("Amsterdam", "NL", 52.370, 4.895, 1, [1136, 33915], 1136, 1103),
        new("Zurich", "CH", 47.377, 8.541, 1, [3303, 6730], 3303, 559),
        new("Stockholm", "SE", 59.329, 18.069, 1, [3301, 1257], 1257, 1653),
        new("Madrid", "ES", 40.417, -3.704, 1, [3352, 12479], 3352, 766),
        new("Milan", "IT", 45.464, 9.190, 1, [3269, 30722], 30722, 137),
        new("Warsaw", "PL", 52.230, 21.012, 1, [5617, 6830], 5617, 8501),
        new("Dublin", "IE", 53.350, -6.260, 0, [5466, 6830], 15502, 1213),
        new("New York", "US", 40.713, -74.006, -5, [7922, 701, 12271], 21928, 11537),
        new("Boston", "US", 42.360, -71.058, -5, [7922, 701], 21928, 11537),
        new("Chicago", "US", 41.878, -87.630, -6, [7922, 7018], 21928, 11537),
        new("Austin", "US", 30.267, -97.743, -6, [7018, 20115], 21928, 11537),
        new("San Francisco", "US", 37.775, -122.419, -8, [7922, 7018, 46375], 21928, 11537),
        new("Seattle", "US", 47.606, -122.332, -8, [7922, 20115], 21928, 11537),
        new("Toronto", "CA", 43.653, -79.383, -5, [812, 577], 812, 6509),
        new("Montreal", "CA", 45.502, -73.567, -5, [577, 5769], 812, 6509),
        new("Mexico City", "MX", 19.433, -99.133, -6, [8151, 28509], 28403, 18592),
        new("Sao Paulo", "BR", -23.550, -46.633, -3, [28573, 18881], 26599, 1916),
        new("Tokyo", "JP", 35.676, 139.650, 9, [4713, 2516, 17676], 2516, 2907),
        new("Seoul", "KR", 37.566, 126.978, 9, [4766, 9318], 9644, 17579),
        new("Singapore", "SG", 1.352, 103.820, 8, [7473, 4657], 45143, 7610),
        new("Bangalore", "IN", 12.972, 77.594, 5.5, [55836, 24560], 55836, 2697),
        new("Tel Aviv", "IL", 32.085, 34.782, 2, [8551, 1680], 12400, 378),
        new("Nairobi", "KE", -1.292, 36.822, 3, [33771, 36926], 33771, 36944),
        new("Cape Town", "ZA", -33.925, 18.424, 2, [37457, 36994], 29975, 2018),
        new("Sydney", "AU", -33.869, 151.209, 10, [1221, 4804], 1221, 7575),
        new("Melbourne", "AU", -37.814, 144.963, 10, [1221, 4804], 4804, 7575),
    ]);

    /// <summary>Hosting and VPN providers, each present in a few of the cities: VPN exits, cloud batch jobs, attackers' servers.</summary>
    public static readonly (string Name, int Asn)[] Hosting =
    [
        ("M247", 9009), ("Datacamp", 60068), ("31173 Services", 39351), ("Proton", 62371),
        ("DigitalOcean", 14061), ("OVH", 16276), ("Hetzner", 24940), ("Vultr", 20473), ("Linode", 63949),
    ];

    /// <summary>Cloud regions batch jobs run in: (provider ASN, city).</summary>
    public static readonly (int Asn, string City)[] CloudRegions =
    [
        (16509, "Frankfurt"), (16509, "Dublin"), (16509, "New York"), (16509, "Seattle"), (16509, "Tokyo"), (16509, "Sydney"),
        (15169, "Frankfurt"), (15169, "Chicago"), (15169, "Singapore"), (15169, "London"),
        (8075, "Amsterdam"), (8075, "San Francisco"), (8075, "Toronto"), (8075, "Sao Paulo"),
    ];

    public static City City(string name) => Cities.First(c => c.Name == name);

    /// <summary>Great-circle distance in km.</summary>
    public static double DistanceKm(City a, City b) => DistanceKm(a.Lat, a.Lon, b.Lat, b.Lon);

    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371.0;
        var dLat = (lat2 - lat1) * Math.PI / 180;
        var dLon = (lon2 - lon1) * Math.PI / 180;
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static City[] Index(City[] cities) => [.. cities.Select((c, i) => c with { Index = i })];
}
