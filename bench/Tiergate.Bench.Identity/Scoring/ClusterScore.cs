namespace Tiergate.Bench.Identity.Scoring;

/// <summary>
/// How the predicted clusters compare with the planted people. Pairwise: an account pair is predicted when the two
/// are in one cluster and true when they are one person. Account-level: an account is flagged when it is in a cluster
/// of two or more, rightly when its cluster holds another account of its own person.
/// </summary>
/// <param name="PairPrecision">Over every predicted pair in the population.</param>
/// <param name="PairRecall">Over the pairs of the rings that share a strong identifier.</param>
/// <param name="ReachableRecall">Over the pairs that a chain of shared strong identifiers inside the ring joins: the most a strong-link clustering can find.</param>
/// <param name="FalsePairsHousehold">Wrong pairs of two people of one household.</param>
/// <param name="FalsePairsOther">Every other wrong pair (strangers, two rings merged, a ring and a stranger).</param>
internal sealed record ClusterScore(
    double PairPrecision, double PairRecall, double ReachableRecall, double AccountPrecision, double AccountRecall,
    long PredictedPairs, long TruePairs, long FalsePairsHousehold, long FalsePairsOther,
    int Clusters, int ClusteredAccounts, int LargestCluster, int StrongRings, int StrongRingAccounts,
    int StrongRingsWithoutStrongSharing, IReadOnlyList<RingSizeScore> BySize)
{
    /// <summary>Precision over the predicted pairs of two verified accounts (each holds a document): the accounts that can apply for a tier requiring <c>verified</c>.</summary>
    public double VerifiedPairPrecision { get; init; }

    public long VerifiedPredictedPairs { get; init; }
}
