using System.Globalization;

namespace Tiergate.Bench.Identity.Population;

/// <summary>
/// The networks of the generated world. Residential ISPs hand each household its own /24 from a large pool
/// (neighbours rarely meet); mobile carriers put everyone behind a small carrier-grade NAT pool (thousands per
/// /24); universities and companies egress through a few /24s and one /48 shared by every member (hundreds to
/// thousands of accounts per range); hotspots and clouds are shared by strangers; research networks announce
/// many universities from one ASN.
/// </summary>
internal sealed class World
{
    private readonly Random _random;
    private readonly HashSet<string> _v4 = new(StringComparer.Ordinal);
    private readonly HashSet<string> _v6 = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> _ispAsns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Network[]> _carriers = new(StringComparer.Ordinal);
    private readonly Network[] _hotspots;
    private readonly double[] _hotspotWeights;
    private readonly Network[] _clouds;
    private readonly double[] _cloudWeights;
    private int _nextAsn = 200_000;

    public World(Random random, int universities, int companies, int hotspots, int cloudPrefixes)
    {
        _random = random;
        foreach (var country in Country.All)
        {
            _ispAsns[country.Code] = Enumerable.Range(0, 3).Select(_ => _nextAsn++).ToArray();
            _carriers[country.Code] = Enumerable.Range(0, 3)
                .Select(i => new Network($"{country.Code}-carrier-{i}", _nextAsn++, NewV4(random.Next(16, 64)), null)).ToArray();
        }

        var researchNetworks = Enumerable.Range(0, 12).Select(_ => _nextAsn++).ToArray();
        Universities = Enumerable.Range(0, universities)
            .Select(i => new Institution($"uni-{i:000}.edu", new Network($"uni-{i}", random.Next(3) == 0 ? _nextAsn++ : researchNetworks[random.Next(researchNetworks.Length)],
                NewV4(random.Next(1, 9)), NewV6()), Zipf(i), LabDevices(random.Next(0, 12))))
            .ToArray();
        Companies = Enumerable.Range(0, companies)
            .Select(i => new Institution($"corp-{i:000}.com", new Network($"corp-{i}", random.Next(4) == 0 ? _nextAsn++ : 100 + random.Next(40),
                NewV4(random.Next(1, 3)), random.Next(2) == 0 ? NewV6() : null), Zipf(i), []))
            .ToArray();
        _hotspots = Enumerable.Range(0, hotspots).Select(i => new Network($"wifi-{i}", 100 + random.Next(40), NewV4(1), null)).ToArray();
        _hotspotWeights = Cumulative(_hotspots.Length);
        int[] cloudAsns = [16509, 15169, 8075, 14061, 24940, 9009, 60068]; // AWS, Google, Azure, DigitalOcean, Hetzner, M247 and Datacamp (VPN exits)
        _clouds = Enumerable.Range(0, cloudPrefixes).Select(i => new Network($"cloud-{i}", cloudAsns[Math.Min(cloudAsns.Length - 1, (int)(cloudAsns.Length * Math.Pow(random.NextDouble(), 1.5)))], NewV4(1), null)).ToArray();
        _cloudWeights = Cumulative(_clouds.Length);
    }

    public IReadOnlyList<Institution> Universities { get; }

    public IReadOnlyList<Institution> Companies { get; }

    /// <summary>A household's own home network: a residential /24 of one of the country's ISPs, often with a /48.</summary>
    public Network NewHome(Country country)
    {
        var asns = _ispAsns[country.Code];
        return new Network("home", asns[_random.Next(asns.Length)], NewV4(1), _random.NextDouble() < 0.4 ? NewV6() : null);
    }

    public Network Carrier(Country country) => _carriers[country.Code][_random.Next(3)];

    public Network Hotspot() => _hotspots[Pick(_hotspotWeights)];

    public Network Cloud() => _clouds[Pick(_cloudWeights)];

    /// <summary>An institution of a Zipf-like popularity (a few very large universities and firms, a long tail).</summary>
    public static Institution PickInstitution(Random random, IReadOnlyList<Institution> institutions, double[] cumulative) =>
        institutions[PickIndex(random, cumulative)];

    public static double[] Cumulative(IReadOnlyList<Institution> institutions)
    {
        var cumulative = new double[institutions.Count];
        var sum = 0.0;
        for (var i = 0; i < institutions.Count; i++)
        {
            sum += institutions[i].Popularity;
            cumulative[i] = sum;
        }

        return cumulative;
    }

    private static double Zipf(int rank) => 1.0 / Math.Pow(rank + 1, 0.9);

    private static double[] Cumulative(int count)
    {
        var cumulative = new double[count];
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            sum += Zipf(i);
            cumulative[i] = sum;
        }

        return cumulative;
    }

    private int Pick(double[] cumulative) => PickIndex(_random, cumulative);

    private static int PickIndex(Random random, double[] cumulative)
    {
        var draw = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, draw);
        return Math.Min(cumulative.Length - 1, index < 0 ? ~index : index);
    }

    private string[] LabDevices(int count) => Enumerable.Range(0, count).Select(_ => Formats.NewDeviceId(_random)).ToArray();

    private string[] NewV4(int count)
    {
        var prefixes = new string[count];
        for (var i = 0; i < count; i++)
        {
            string prefix;
            do
            {
                // Public unicast only: not 0/8, 10/8, 127/8, or multicast and above.
                var first = _random.Next(1, 224);
                prefix = first is 10 or 127 ? "" : string.Create(CultureInfo.InvariantCulture, $"{first}.{_random.Next(256)}.{_random.Next(256)}");
            }
            while (prefix.Length == 0 || !_v4.Add(prefix));
            prefixes[i] = prefix;
        }

        return prefixes;
    }

    private string NewV6()
    {
        string prefix;
        do
        {
            prefix = string.Create(CultureInfo.InvariantCulture, $"2a0{_random.Next(1, 10)}:{_random.Next(0x10000):x}:{_random.Next(0x10000):x}");
        }
        while (!_v6.Add(prefix));
        return prefix;
    }
}
