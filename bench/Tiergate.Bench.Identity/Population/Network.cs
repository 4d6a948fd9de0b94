using System.Globalization;
using Tiergate.Core.Identity;

namespace Tiergate.Bench.Identity.Population;

/// <summary>
/// A network accounts are seen from: a few IPv4 /24s (as a campus's or carrier's NAT pool), optionally one
/// IPv6 /48, and the autonomous system that announces them.
/// </summary>
internal sealed record Network(string Name, int Asn, IReadOnlyList<string> V4Prefixes, string? V6Prefix)
{
    /// <summary>One address an account was seen at: a random host in one of the /24s, or in the /48.</summary>
    public IdentifierValue Address(Random random, bool preferV6 = false)
    {
        if (preferV6 && V6Prefix is { } v6)
        {
            var host = string.Join(':', Enumerable.Range(0, 5).Select(_ => random.Next(0x10000).ToString("x", CultureInfo.InvariantCulture)));
            return new IdentifierValue(IdentifierKind.IpPrefix, $"{v6}:{host}", "v6:" + v6);
        }

        var prefix = V4Prefixes[random.Next(V4Prefixes.Count)];
        return new IdentifierValue(IdentifierKind.IpPrefix, $"{prefix}.{random.Next(1, 255)}", "v4:" + prefix);
    }

    public IdentifierValue AsnValue(Random random) =>
        new(IdentifierKind.Asn, random.Next(3) == 0 ? Asn.ToString(CultureInfo.InvariantCulture) : "AS" + Asn.ToString(CultureInfo.InvariantCulture), "asn:" + Asn.ToString(CultureInfo.InvariantCulture));
}
