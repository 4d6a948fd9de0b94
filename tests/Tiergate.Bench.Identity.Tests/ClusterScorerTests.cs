using Tiergate.Bench.Identity.Scoring;
using static Tiergate.Bench.Identity.Tests.TinyPopulation;

namespace Tiergate.Bench.Identity.Tests;

public sealed class ClusterScorerTests
{
    // Ring 0: accounts 0,1,2 (person 10) joined by a phone; ring 1: accounts 3,4 (person 11) by a card;
    // household 7: accounts 5,6 (persons 12, 13); account 7 alone (person 14).
    private static readonly Bench.Identity.Population.GeneratedPopulation Population = Of(
        [
            Account(0, 10, ring: 0, truths: "phone:1"), Account(1, 10, ring: 0, truths: "phone:1"), Account(2, 10, ring: 0, truths: ["phone:1", "doc:x"]),
            Account(3, 11, ring: 1, truths: "card:9"), Account(4, 11, ring: 1, truths: "card:9"),
            Account(5, 12, household: 7, truths: "phone:h"), Account(6, 13, household: 7, truths: "phone:h"),
            Account(7, 14),
        ],
        Ring(0, 0, 1, 2), Ring(1, 3, 4));

    [Fact]
    public void Score_ExactlyTheRings_PrecisionAndRecallOne()
    {
        var score = ClusterScorer.Score(Population, [1, 1, 1, 2, 2, null, null, null]);
        Assert.Equal((1.0, 1.0, 1.0, 1.0, 1.0), (score.PairPrecision, score.PairRecall, score.ReachableRecall, score.AccountPrecision, score.AccountRecall));
        Assert.Equal((4L, 4L, 2, 5, 3), (score.PredictedPairs, score.TruePairs, score.Clusters, score.ClusteredAccounts, score.LargestCluster));
        Assert.All(score.BySize, s => Assert.Equal(1, s.Whole));
    }

    [Fact]
    public void Score_HouseholdClusteredToo_HouseholdPairIsFalse()
    {
        var score = ClusterScorer.Score(Population, [1, 1, 1, 2, 2, 3, 3, null]);
        Assert.Equal(4.0 / 5, score.PairPrecision, 6);
        Assert.Equal(1.0, score.PairRecall);
        Assert.Equal((1L, 0L), (score.FalsePairsHousehold, score.FalsePairsOther));
        Assert.Equal(5.0 / 7, score.AccountPrecision, 6);
    }

    [Fact]
    public void Score_RingSplitAndStrangerAdded_RecallAndPrecisionDrop()
    {
        // Account 2 missed (alone); account 7 wrongly put with ring 1.
        var score = ClusterScorer.Score(Population, [1, 1, null, 2, 2, null, null, 2]);
        Assert.Equal(2.0 / 4, score.PairRecall, 6); // Found (0,1) and (3,4) of (0,1),(0,2),(1,2),(3,4).
        Assert.Equal(2.0 / 4, score.PairPrecision, 6); // Predicted (0,1),(3,4),(3,7),(4,7).
        Assert.Equal((0L, 2L), (score.FalsePairsHousehold, score.FalsePairsOther));
        Assert.Equal(4.0 / 5, score.AccountRecall, 6);
        Assert.Equal(4.0 / 5, score.AccountPrecision, 6);
        var three = score.BySize.Single(s => s.Size == 3);
        Assert.Equal((1, 1.0 / 3, 2.0 / 3, 0), (three.Rings, three.PairRecall, three.AccountRecall, three.Whole));
        Assert.Equal(0, score.BySize.Single(s => s.Size == 2).Whole); // Found, but with a stranger in its cluster.
    }

    [Fact]
    public void Score_NothingClustered_RecallZeroPrecisionOne()
    {
        var score = ClusterScorer.Score(Population, new long?[8]);
        Assert.Equal((1.0, 0.0, 0.0, 0L), (score.PairPrecision, score.PairRecall, score.AccountRecall, score.PredictedPairs));
    }

    [Fact]
    public void Score_LabelsOfAnotherLength_Throws() =>
        Assert.Throws<ArgumentException>(() => ClusterScorer.Score(Population, [1, 1]));

    [Fact]
    public void StrongComponents_RingMemberSharingOnlyADevice_IsItsOwnComponent()
    {
        var population = Of(
            [Account(0, 1, ring: 0, truths: "phone:1"), Account(1, 1, ring: 0, truths: ["phone:1", "card:2"]), Account(2, 1, ring: 0, truths: "card:2"), Account(3, 1, ring: 0, truths: "device:d")],
            Ring(0, 0, 1, 2, 3));
        var components = ClusterScorer.StrongComponents(population, population.Rings[0]);
        Assert.Equal([[0, 1, 2], [3]], components.Select(c => c.Order().ToArray()).OrderBy(c => c[0]).ToArray());

        // The reachable pairs are (0,1),(0,2),(1,2): finding them all is full reachable recall though the ring's recall is 1/2.
        var score = ClusterScorer.Score(population, [5, 5, 5, null]);
        Assert.Equal((1.0, 0.5), (score.ReachableRecall, score.PairRecall));
    }
}
