using Tiergate.Bench.Identity.Population;

namespace Tiergate.Bench.Identity.Scoring;

/// <summary>Scores predicted cluster labels (by account index; null = alone) against the generator's ground truth.</summary>
internal static class ClusterScorer
{
    public static ClusterScore Score(GeneratedPopulation population, IReadOnlyList<long?> labels)
    {
        var accounts = population.Accounts;
        if (labels.Count != accounts.Count)
        {
            throw new ArgumentException($"{labels.Count} labels for {accounts.Count} accounts.", nameof(labels));
        }

        var clusters = Enumerable.Range(0, accounts.Count).Where(i => labels[i] is not null)
            .GroupBy(i => labels[i]!.Value).Where(g => g.Count() >= 2).Select(g => g.ToList()).ToList();
        long predicted = 0, correct = 0, household = 0, verifiedPredicted = 0, verifiedCorrect = 0;
        int flagged = 0, rightlyFlagged = 0;
        var clusterOf = new Dictionary<int, int>();
        for (var c = 0; c < clusters.Count; c++)
        {
            var members = clusters[c];
            var pairs = PairCounts.Pairs(members.Count);
            var samePerson = members.GroupBy(i => accounts[i].PersonId).ToList();
            var right = samePerson.Sum(g => PairCounts.Pairs(g.Count()));
            var sameHousehold = members.Where(i => accounts[i].HouseholdId >= 0).GroupBy(i => accounts[i].HouseholdId)
                .Sum(g => PairCounts.Pairs(g.Count()) - g.GroupBy(i => accounts[i].PersonId).Sum(p => PairCounts.Pairs(p.Count())));
            predicted += pairs;
            correct += right;
            // The accounts that can apply for a tier requiring a verified identity: those holding a document.
            var verified = members.Where(i => accounts[i].Verified).ToList();
            verifiedPredicted += PairCounts.Pairs(verified.Count);
            verifiedCorrect += verified.GroupBy(i => accounts[i].PersonId).Sum(g => PairCounts.Pairs(g.Count()));
            household += sameHousehold;
            flagged += members.Count;
            rightlyFlagged += samePerson.Where(g => g.Count() >= 2).Sum(g => g.Count());
            foreach (var m in members)
            {
                clusterOf[m] = c;
            }
        }

        var strongRings = population.Rings.Where(r => r.SharesStrong).ToList();
        long ringPairs = 0, ringFound = 0, reachable = 0, reachableFound = 0;
        int ringAccounts = 0, ringAccountsFound = 0;
        var bySize = new List<RingSizeScore>();
        foreach (var size in strongRings.GroupBy(r => r.PlantedSize).OrderBy(g => g.Key))
        {
            long sizePairs = 0, sizeFound = 0;
            int sizeAccounts = 0, sizeAccountsFound = 0, whole = 0;
            foreach (var ring in size)
            {
                var groups = ring.Accounts.Where(clusterOf.ContainsKey).GroupBy(i => clusterOf[i]).ToList();
                var found = groups.Sum(g => PairCounts.Pairs(g.Count()));
                var accountsFound = groups.Where(g => g.Count() >= 2).Sum(g => g.Count());
                sizePairs += PairCounts.Pairs(ring.Size);
                sizeFound += found;
                sizeAccounts += ring.Size;
                sizeAccountsFound += accountsFound;
                whole += groups.Count == 1 && groups[0].Count() == ring.Size && clusters[groups[0].Key].Count == ring.Size ? 1 : 0;
                foreach (var component in StrongComponents(population, ring).Where(c => c.Count >= 2))
                {
                    reachable += PairCounts.Pairs(component.Count);
                    reachableFound += component.Where(clusterOf.ContainsKey).GroupBy(i => clusterOf[i]).Sum(g => PairCounts.Pairs(g.Count()));
                }
            }

            ringPairs += sizePairs;
            ringFound += sizeFound;
            ringAccounts += sizeAccounts;
            ringAccountsFound += sizeAccountsFound;
            bySize.Add(new RingSizeScore(size.Key, size.Count(), Ratio(sizeFound, sizePairs), Ratio(sizeAccountsFound, sizeAccounts), whole));
        }

        return new ClusterScore(
            PairPrecision: new PairCounts(correct, predicted, ringPairs).Precision,
            PairRecall: Ratio(ringFound, ringPairs),
            ReachableRecall: Ratio(reachableFound, reachable),
            AccountPrecision: Ratio(rightlyFlagged, flagged),
            AccountRecall: Ratio(ringAccountsFound, ringAccounts),
            PredictedPairs: predicted,
            TruePairs: ringPairs,
            FalsePairsHousehold: household,
            FalsePairsOther: predicted - correct - household,
            Clusters: clusters.Count,
            ClusteredAccounts: flagged,
            LargestCluster: clusters.Count == 0 ? 0 : clusters.Max(c => c.Count),
            StrongRings: strongRings.Count,
            StrongRingAccounts: ringAccounts,
            StrongRingsWithoutStrongSharing: population.Rings.Count(r => r.Design == RingDesign.Strong && !r.SharesStrong),
            BySize: bySize)
        {
            VerifiedPairPrecision = Ratio(verifiedCorrect, verifiedPredicted),
            VerifiedPredictedPairs = verifiedPredicted,
        };
    }

    /// <summary>The ring's accounts grouped by chains of shared strong identifiers (what union-find over strong links can join).</summary>
    public static List<List<int>> StrongComponents(GeneratedPopulation population, Ring ring)
    {
        var parent = ring.Accounts.ToDictionary(a => a, a => a);
        int Find(int x)
        {
            while (parent[x] != x)
            {
                x = parent[x] = parent[parent[x]];
            }

            return x;
        }

        var firstHolder = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var account in ring.Accounts)
        {
            foreach (var id in population.Accounts[account].Identifiers.Where(i => i.IsStrong))
            {
                if (firstHolder.TryGetValue(id.Truth, out var other))
                {
                    parent[Find(account)] = Find(other);
                }
                else
                {
                    firstHolder[id.Truth] = account;
                }
            }
        }

        return ring.Accounts.GroupBy(Find).Select(g => g.ToList()).ToList();
    }

    private static double Ratio(long part, long whole) => whole == 0 ? 1 : (double)part / whole;
}
