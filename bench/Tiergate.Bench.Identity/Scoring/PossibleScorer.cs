using Tiergate.Bench.Identity.Population;

namespace Tiergate.Bench.Identity.Scoring;

/// <summary>Scores the listings of the links query (account index → indices listed as cluster or possible) against the truth.</summary>
internal static class PossibleScorer
{
    /// <param name="listed">For each queried account: the other accounts its links query shows (cluster and possible).</param>
    /// <param name="possible">For each queried account: the accounts listed as possible links only.</param>
    public static PossibleScore Score(GeneratedPopulation population, IReadOnlyDictionary<int, IReadOnlySet<int>> listed,
        IReadOnlyDictionary<int, IReadOnlySet<int>> possible, IReadOnlyList<int> ordinarySample)
    {
        var accounts = population.Accounts;
        var weak = population.Rings.Where(r => !r.SharesStrong).ToList();
        long pairs = 0, surfaced = 0, shownTotal = 0, shownRight = 0;
        int members = 0, membersSeeing = 0;
        foreach (var ring in weak)
        {
            foreach (var a in ring.Accounts)
            {
                members++;
                var shown = listed.GetValueOrDefault(a) ?? new HashSet<int>();
                membersSeeing += ring.Accounts.Any(b => b != a && shown.Contains(b)) ? 1 : 0;
                var maybe = possible.GetValueOrDefault(a) ?? new HashSet<int>();
                shownTotal += maybe.Count;
                shownRight += maybe.Count(b => accounts[b].PersonId == accounts[a].PersonId);
            }

            for (var i = 0; i < ring.Size; i++)
            {
                for (var j = i + 1; j < ring.Size; j++)
                {
                    pairs++;
                }
            }

            surfaced += ListedPairs(ring, listed);
        }

        var strong = population.Rings.Where(r => r.SharesStrong).ToList();
        long strongPairs = strong.Sum(r => (long)r.Size * (r.Size - 1) / 2);
        long strongListed = strong.Sum(r => ListedPairs(r, listed));
        var counts = ordinarySample.Select(a => possible.GetValueOrDefault(a)?.Count ?? 0).ToList();
        return new PossibleScore(
            StrongPairsListed: strongPairs == 0 ? 1 : (double)strongListed / strongPairs,
            WeakRings: weak.Count,
            WeakPairRecall: pairs == 0 ? 1 : (double)surfaced / pairs,
            WeakAccountRecall: members == 0 ? 1 : (double)membersSeeing / members,
            WeakPossiblePrecision: shownTotal == 0 ? 1 : (double)shownRight / shownTotal,
            OrdinarySample: counts.Count,
            OrdinaryWithPossible: counts.Count == 0 ? 0 : (double)counts.Count(c => c > 0) / counts.Count,
            OrdinaryPossibleMean: counts.Count == 0 ? 0 : counts.Average(),
            OrdinaryPossibleMax: counts.Count == 0 ? 0 : counts.Max());
    }

    /// <summary>The ring's account pairs that the links query lists from either side (in the cluster or as possible).</summary>
    private static long ListedPairs(Ring ring, IReadOnlyDictionary<int, IReadOnlySet<int>> listed)
    {
        long found = 0;
        for (var i = 0; i < ring.Size; i++)
        {
            for (var j = i + 1; j < ring.Size; j++)
            {
                var (a, b) = (ring.Accounts[i], ring.Accounts[j]);
                found += (listed.GetValueOrDefault(a)?.Contains(b) ?? false) || (listed.GetValueOrDefault(b)?.Contains(a) ?? false) ? 1 : 0;
            }
        }

        return found;
    }
}
