using System.Globalization;
using System.Text;
using Tiergate.Bench.Identity.Population;
using Tiergate.Bench.Identity.Timing;

namespace Tiergate.Bench.Identity;

/// <summary>Everything one run measured, and its short table.</summary>
internal sealed record BenchReport(string Command, int Seed, PopulationSummary Population, IReadOnlyList<ProviderResult> Providers, IReadOnlyList<LatencySummary> Latency)
{
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        var p = Population;
        md.AppendLine(Invariant($"Population (seed {Seed}): {p.Accounts:N0} accounts, {p.Identifiers:N0} identifiers, {p.VerifiedShare:P0} verified; {p.Households:N0} households ({p.HouseholdAccounts:N0} accounts); rings: strong {Sizes(p.StrongRingsBySize)}, weak-only {Sizes(p.WeakRingsBySize)} ({p.RingAccounts:N0} accounts)."));
        md.AppendLine(Invariant($"Noise: largest IPv4 /24 {p.LargestV4Prefix:N0} accounts ({p.V4PrefixesOver100} /24s over 100), largest /48 {p.LargestV6Prefix:N0}, largest ASN {p.LargestAsn:N0}, largest shared device {p.LargestDevice}, {p.SharedPhones:N0} phone numbers held by two or more accounts."));
        md.AppendLine();
        md.AppendLine("| provider | pair precision | pair recall (strong rings) | reachable recall | pair precision, both verified (pairs) | account precision | account recall | false pairs: household / other | clusters (largest) | bulk load | rebuild |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in Providers)
        {
            var c = r.Clusters;
            md.AppendLine(Invariant($"| {r.Provider} | {c.PairPrecision:0.0000} | {c.PairRecall:0.0000} | {c.ReachableRecall:0.0000} | {c.VerifiedPairPrecision:0.0000} ({c.VerifiedPredictedPairs:N0}) | {c.AccountPrecision:0.0000} | {c.AccountRecall:0.0000} | {c.FalsePairsHousehold:N0} / {c.FalsePairsOther:N0} | {c.Clusters:N0} ({c.LargestCluster}) | {r.LoadSeconds:0.0} s ({r.IdentifierRows:N0} rows) | {r.RebuildSeconds:0.0} s |"));
        }

        if (Providers.Count > 0 && Providers[0] is var first)
        {
            md.AppendLine();
            md.AppendLine("| strong rings of size | rings | pair recall | account recall | found whole |");
            md.AppendLine("|---|---|---|---|---|");
            foreach (var s in first.Clusters.BySize)
            {
                md.AppendLine(Invariant($"| {s.Size} | {s.Rings} | {s.PairRecall:0.000} | {s.AccountRecall:0.000} | {s.Whole} |"));
            }

            md.AppendLine();
            md.AppendLine(Invariant($"Strong-design rings that ended up sharing no strong identifier: {first.Clusters.StrongRingsWithoutStrongSharing} (scored with the weak-only rings below, not above)."));
            md.AppendLine();
            md.AppendLine("| provider | strong rings: pairs listed (cluster or possible) | rings sharing no strong identifier | pairs listed (cluster or possible) | accounts seeing a ring mate | possible links that are the same person | ordinary accounts with a possible link | possible links per ordinary account (mean / max) |");
            md.AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (var r in Providers.Where(r => r.Possible is not null))
            {
                var w = r.Possible!;
                md.AppendLine(Invariant($"| {r.Provider} | {w.StrongPairsListed:0.000} | {w.WeakRings} | {w.WeakPairRecall:0.000} | {w.WeakAccountRecall:0.000} | {w.WeakPossiblePrecision:0.000} | {w.OrdinaryWithPossible:P1} of {w.OrdinarySample:N0} | {w.OrdinaryPossibleMean:0.00} / {w.OrdinaryPossibleMax} |"));
            }

            if (first.Refused.Count > 0)
            {
                md.AppendLine();
                md.AppendLine("Values the graph's normaliser refused (not inserted): " + string.Join(", ", first.Refused.Select(x => Invariant($"{x.Key} {x.Value:N0}"))));
            }
        }

        md.AppendLine();
        md.AppendLine("EF Core commands are counted (its diagnostic events); the graph's plain ADO.NET commands are not: attach adds two (facts, insert), links one (holders).");
        md.AppendLine();
        md.AppendLine("| provider | operation | samples | median | p95 | max | CPU, median | EF Core commands |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var l in Latency)
        {
            md.AppendLine(Invariant($"| {l.Provider} | {l.Operation} | {l.Samples} | {l.MedianMs:0.00} ms | {l.P95Ms:0.00} ms | {l.MaxMs:0.00} ms | {l.CpuMedianMs:0.00} ms | {l.Commands:0.0} |"));
        }

        return md.ToString();
    }

    private static string Sizes(IReadOnlyDictionary<string, int> bySize) => string.Join(", ", bySize.Select(x => $"{x.Value}×{x.Key}"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
