using Tiergate.Core.Identity;

namespace Tiergate.Bench.Identity.Population;

/// <summary>What the population looks like: its size, its rings, and how crowded its shared identifiers are.</summary>
internal sealed record PopulationSummary(
    int Accounts, int Identifiers, double VerifiedShare, int Households, int HouseholdAccounts,
    IReadOnlyDictionary<string, int> StrongRingsBySize, IReadOnlyDictionary<string, int> WeakRingsBySize, int RingAccounts,
    int LargestV4Prefix, int V4PrefixesOver100, int LargestV6Prefix, int LargestAsn, int LargestDevice, int SharedPhones)
{
    public static PopulationSummary Of(GeneratedPopulation population)
    {
        var accounts = population.Accounts;
        int Largest(Func<IdentifierValue, bool> which) => Holders(accounts, which).DefaultIfEmpty(0).Max();
        return new PopulationSummary(
            Accounts: accounts.Count,
            Identifiers: population.IdentifierCount,
            VerifiedShare: (double)accounts.Count(a => a.Verified) / accounts.Count,
            Households: accounts.Where(a => a.HouseholdId >= 0).Select(a => a.HouseholdId).Distinct().Count(),
            HouseholdAccounts: accounts.Count(a => a.HouseholdId >= 0),
            StrongRingsBySize: BySize(population.Rings.Where(r => r.Design == RingDesign.Strong)),
            WeakRingsBySize: BySize(population.Rings.Where(r => r.Design == RingDesign.WeakOnly)),
            RingAccounts: population.Rings.Sum(r => r.Size),
            LargestV4Prefix: Largest(i => i.Truth.StartsWith("v4:", StringComparison.Ordinal)),
            V4PrefixesOver100: Holders(accounts, i => i.Truth.StartsWith("v4:", StringComparison.Ordinal)).Count(n => n > 100),
            LargestV6Prefix: Largest(i => i.Truth.StartsWith("v6:", StringComparison.Ordinal)),
            LargestAsn: Largest(i => i.Kind == IdentifierKind.Asn),
            LargestDevice: Largest(i => i.Kind == IdentifierKind.Device),
            SharedPhones: Holders(accounts, i => i.Kind == IdentifierKind.Phone).Count(n => n > 1));
    }

    private static IEnumerable<int> Holders(IReadOnlyList<Account> accounts, Func<IdentifierValue, bool> which) =>
        accounts.SelectMany(a => a.Identifiers.Where(which).Select(i => i.Truth).Distinct()).GroupBy(t => t).Select(g => g.Count());

    private static Dictionary<string, int> BySize(IEnumerable<Ring> rings) =>
        rings.GroupBy(r => r.PlantedSize).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g => g.Count());
}
