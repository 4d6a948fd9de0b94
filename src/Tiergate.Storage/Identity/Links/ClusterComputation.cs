using Tiergate.Core.Identity;

namespace Tiergate.Storage.Identity.Links;

/// <summary>
/// The clustering rules, on rows already read: accounts sharing a strong identifier are one cluster, except through a
/// family phone — a phone whose holders (at most <see cref="LinkWeights.MaxFamilySize"/>) hold two or more different
/// documents, which is a household's, not one person's.
/// </summary>
internal static class ClusterComputation
{
    /// <summary>The phone hashes that are family phones, from every holder of those phones and those holders' documents.</summary>
    public static HashSet<string> FamilyPhones(IEnumerable<(long UserId, string Hash)> phoneHolders, IEnumerable<(long UserId, string Hash)> documents)
    {
        var documentsByUser = documents.ToLookup(d => d.UserId, d => d.Hash);
        var family = new HashSet<string>(StringComparer.Ordinal);
        foreach (var phone in phoneHolders.GroupBy(p => p.Hash, StringComparer.Ordinal))
        {
            var holders = phone.Select(p => p.UserId).Distinct().ToList();
            if (holders.Count is < 2 or > LinkWeights.MaxFamilySize)
            {
                continue;
            }

            if (holders.SelectMany(h => documentsByUser[h]).Distinct(StringComparer.Ordinal).Skip(1).Any())
            {
                family.Add(phone.Key);
            }
        }

        return family;
    }

    /// <summary>Joins the accounts of <paramref name="rows"/> that share a strong identifier (family phones excepted).</summary>
    public static UnionFind Join(IEnumerable<StrongRow> rows, IReadOnlySet<string> familyPhones)
    {
        var sets = new UnionFind();
        var first = new Dictionary<(int, string), long>();
        foreach (var row in rows)
        {
            if (row.Kind == (int)IdentifierKind.Phone && familyPhones.Contains(row.Hash))
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

    public static readonly int[] StrongKinds = [(int)IdentifierKind.Email, (int)IdentifierKind.Phone, (int)IdentifierKind.Document, (int)IdentifierKind.Payment];
}
