namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>
/// Synthetic, stable IPv4 addresses: each (ASN, city) pair owns a /16 in public unicast space
/// (never private, shared, loopback, link-local, benchmarking or multicast ranges), and a host number picks the address in it.
/// </summary>
internal static class Addresses
{
    public static string For(int asn, int cityIndex, long host)
    {
        var block = (uint)Hash($"{asn}/{cityIndex}");
        var first = (int)(block % 200) + 2; // 2..201
        if (first is 10 or 100 or 127 or 169 or 172 or 192 or 198)
        {
            first += 1;
        }

        var second = (int)((block >> 8) & 0xFF);
        var h = (ulong)host;
        return $"{first}.{second}.{(h >> 8) & 0xFF}.{(h & 0xFF) % 254 + 1}";
    }

    /// <summary>FNV-1a: stable across runs and platforms (string.GetHashCode is randomised per process).</summary>
    public static ulong Hash(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var c in text)
        {
            h ^= c;
            h *= 1099511628211UL;
        }

        return h;
    }
}
