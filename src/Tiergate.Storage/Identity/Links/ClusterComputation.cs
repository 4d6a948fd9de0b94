using Tiergate.Core.Identity;

namespace Tiergate.Storage.Identity.Links;

/// <summary>
/// The clustering rules, on rows already read: accounts sharing a strong identifier are one cluster, except through
/// a household's phone or card — one whose holders (at most <see cref="LinkWeights.MaxFamilySize"/>) are shown to be
/// different people. Two proofs count: the holders hold different documents, or (for a phone) two of them each
/// have a number of their own besides it, the way a family line sits beside each member's mobile.
/// </summary>
internal static class ClusterComputation
{
    /// <summary>
    /// Which of the shared phones and cards are a household's. <paramref name="holders"/> are every holder of the
    /// phones and cards asked about; <paramref name="holdersIdentity"/> are those holders' documents and phones.
    /// </summary>
    public static HashSet<(int Kind, string Hash)> HouseholdIdentifiers(IEnumerable<StrongRow> holders, IEnumerable<StrongRow> holdersIdentity)
    {
        var identity = holdersIdentity.ToLookup(r => r.UserId);
        var household = new HashSet<(int, string)>();
        foreach (var shared in holders.GroupBy(r => (r.Kind, r.Hash)))
        {
            var users = shared.Select(r => r.UserId).Distinct().ToList();
            if (users.Count is < 2 or > LinkWeights.MaxFamilySize)
            {
                continue;
            }

            if (DifferentDocuments(users, identity) || (shared.Key.Kind == (int)IdentifierKind.Phone && OwnNumbers(shared.Key.Hash, users, identity) >= 2))
            {
                household.Add(shared.Key);
            }
        }

        return household;
    }

    /// <summary>Joins the accounts of <paramref name="rows"/> that share a strong identifier (a household's excepted).</summary>
    public static UnionFind Join(IEnumerable<StrongRow> rows, IReadOnlySet<(int Kind, string Hash)> household)
    {
        var sets = new UnionFind();
        var first = new Dictionary<(int, string), long>();
        foreach (var row in rows)
        {
            if (household.Contains((row.Kind, row.Hash)))
            {
                continue;
            }

            if (first.TryGetValue((row.Kind, row.Hash), out var holder))
            {
                sets.Union(holder, row.UserId);
            }
            else
            {
                first[(row.Kind, row.Hash)] = row.UserId;
            }
        }

        return sets;
    }

    /// <summary>Whether a household rule can apply to this kind: a phone or a card (a document or a mailbox is one person's).</summary>
    public static bool CanBeHousehold(int kind) => kind is (int)IdentifierKind.Phone or (int)IdentifierKind.Payment;

    public static readonly int[] StrongKinds = [(int)IdentifierKind.Email, (int)IdentifierKind.Phone, (int)IdentifierKind.Document, (int)IdentifierKind.Payment];

    /// <summary>The kinds whose holders' rows <see cref="HouseholdIdentifiers"/> needs.</summary>
    public static readonly int[] IdentityKinds = [(int)IdentifierKind.Document, (int)IdentifierKind.Phone];

    private static bool DifferentDocuments(List<long> users, ILookup<long, StrongRow> identity) =>
        users.SelectMany(u => identity[u]).Where(r => r.Kind == (int)IdentifierKind.Document).Select(r => r.Hash).Distinct(StringComparer.Ordinal).Skip(1).Any();

    /// <summary>How many of the phone's holders hold another number that no other holder of this phone holds.</summary>
    private static int OwnNumbers(string sharedPhone, List<long> users, ILookup<long, StrongRow> identity)
    {
        var owners = users.SelectMany(u => identity[u].Where(r => r.Kind == (int)IdentifierKind.Phone && r.Hash != sharedPhone).Select(r => (r.Hash, User: u)))
            .GroupBy(p => p.Hash, StringComparer.Ordinal).Where(g => g.Select(p => p.User).Distinct().Count() == 1).Select(g => g.First().User);
        return owners.Distinct().Count();
    }
}
