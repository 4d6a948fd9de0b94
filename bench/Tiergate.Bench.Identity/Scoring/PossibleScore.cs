namespace Tiergate.Bench.Identity.Scoring;

/// <summary>
/// What the links query shows beyond the cluster. For the rings that share a strong identifier: how many of their
/// pairs the query lists at all (cluster or possible), so the accounts a strong clustering cannot reach still show up
/// to a reviewer. For the rings that share none (weak-only by design, or by chance): how many of their account pairs are listed
/// (as a possible link or in the cluster, from either side), and how many accounts see at least one ring mate. For a
/// sample of ordinary accounts (in no ring): how many get a possible link at all (every one of which is a stranger,
/// a flatmate or a relative), and how many are listed on average.
/// </summary>
internal sealed record PossibleScore(
    double StrongPairsListed, int WeakRings, double WeakPairRecall, double WeakAccountRecall, double WeakPossiblePrecision,
    int OrdinarySample, double OrdinaryWithPossible, double OrdinaryPossibleMean, int OrdinaryPossibleMax);
