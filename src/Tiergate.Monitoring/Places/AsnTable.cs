using System.Net;
using System.Net.Sockets;

namespace Tiergate.Monitoring.Places;

/// <summary>
/// Address → ASN from ranges held in sorted arrays, one set per address family, found by binary search
/// (O(log n), no allocation per lookup). Organisation names are shared between ranges of the same AS.
/// </summary>
public sealed class AsnTable
{
    private readonly Family _v4;
    private readonly Family _v6;

    public AsnTable(IEnumerable<AsnRange> ranges)
    {
        var v4 = new List<(UInt128 First, UInt128 Last, long Asn, string Org)>();
        var v6 = new List<(UInt128 First, UInt128 Last, long Asn, string Org)>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var range in ranges)
        {
            var organization = names.TryGetValue(range.Organization, out var shared) ? shared : names[range.Organization] = range.Organization;
            var entry = (AddressKey.Of(range.First), AddressKey.Of(range.Last), range.Asn, organization);
            (range.First.AddressFamily == AddressFamily.InterNetwork ? v4 : v6).Add(entry);
        }
        _v4 = new Family(v4);
        _v6 = new Family(v6);
    }

    public int Count => _v4.Count + _v6.Count;

    /// <summary>Reads every named CSV that exists; lines that do not parse are counted in <paramref name="badLines"/>.</summary>
    public static AsnTable Load(IEnumerable<string> csvPaths, out int badLines)
    {
        var bad = 0;
        var ranges = new List<AsnRange>();
        foreach (var path in csvPaths.Where(File.Exists))
        {
            using var reader = new StreamReader(path);
            ranges.AddRange(AsnCsv.Read(reader, _ => bad++));
        }
        badLines = bad;
        return new AsnTable(ranges);
    }

    public (long Asn, string Organization)? Find(IPAddress address)
    {
        address = AddressKey.Normalize(address);
        var family = address.AddressFamily == AddressFamily.InterNetwork ? _v4 : _v6;
        return family.Find(AddressKey.Of(address));
    }

    private sealed class Family
    {
        private readonly UInt128[] _first;
        private readonly UInt128[] _last;
        private readonly long[] _asn;
        private readonly string[] _organization;

        public Family(List<(UInt128 First, UInt128 Last, long Asn, string Org)> entries)
        {
            entries.Sort((a, b) => a.First.CompareTo(b.First));
            _first = entries.Select(e => e.First).ToArray();
            _last = entries.Select(e => e.Last).ToArray();
            _asn = entries.Select(e => e.Asn).ToArray();
            _organization = entries.Select(e => e.Org).ToArray();
        }

        public int Count => _first.Length;

        public (long, string)? Find(UInt128 key)
        {
            // The last range starting at or before the key; the data's ranges do not overlap.
            var index = Array.BinarySearch(_first, key);
            if (index < 0)
                index = ~index - 1;
            if (index < 0 || key > _last[index])
                return null;
            return (_asn[index], _organization[index]);
        }
    }
}
