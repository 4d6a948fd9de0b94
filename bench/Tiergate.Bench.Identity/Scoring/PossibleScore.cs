namespace Tiergate.Bench.Identity.Scoring;

/// <summary>
/// What the links query shows beyond the cluster. For weak-only rings: how many of their account pairs are listed
/// (as a possible link or in the cluster, from either side), and how many accounts see at least one ring mate. For a
/// sample of ordinary accounts (in no ring): how many get a possible link at all (every one of which is a stranger,
/// a flatmate or a relative), and how many are listed on average.
/// </summary>
internal sealed record PossibleScore(
    int WeakRings, double WeakPairRecall, double WeakAccountRecall, double WeakPossiblePrecision,
    int OrdinarySample, double OrdinaryWithPossible, double OrdinaryPossibleMean, int OrdinaryPossibleMax);
