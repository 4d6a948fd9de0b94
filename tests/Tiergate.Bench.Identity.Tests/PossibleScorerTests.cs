using Tiergate.Bench.Identity.Scoring;
using static Tiergate.Bench.Identity.Tests.TinyPopulation;

namespace Tiergate.Bench.Identity.Tests;

public sealed class PossibleScorerTests
{
    [Fact]
    public void Score_OneOfTwoWeakPairsListedFromEitherSide_HalfRecall()
    {
        // Weak ring 0: accounts 0,1,2 (person 1). 0 lists 1 (right) and 4 (a stranger); 2 lists nothing; 3 and 4 are ordinary.
        var population = Of(
            [Account(0, 1, ring: 0), Account(1, 1, ring: 0), Account(2, 1, ring: 0), Account(3, 2), Account(4, 3)],
            WeakRing(0, 0, 1, 2));
        var possible = new Dictionary<int, IReadOnlySet<int>>
        {
            [0] = new HashSet<int> { 1, 4 }, [1] = new HashSet<int>(), [2] = new HashSet<int>(), [3] = new HashSet<int> { 4 }, [4] = new HashSet<int>(),
        };
        var score = PossibleScorer.Score(population, possible, possible, [3, 4]);
        Assert.Equal(1.0 / 3, score.WeakPairRecall, 6);
        Assert.Equal(1.0 / 3, score.WeakAccountRecall, 6); // Only 0 sees a ring mate: being seen by one is not seeing one.
        Assert.Equal(0.5, score.WeakPossiblePrecision, 6);
        Assert.Equal((2, 0.5, 0.5, 1), (score.OrdinarySample, score.OrdinaryWithPossible, score.OrdinaryPossibleMean, score.OrdinaryPossibleMax));
    }

    [Fact]
    public void Score_StrongRingPairListedFromOneSide_CountsOnce()
    {
        // Strong ring 0: accounts 0,1,2; 2 lists 0 (its cluster or a possible link), nothing else is listed.
        var population = Of([Account(0, 1, ring: 0), Account(1, 1, ring: 0), Account(2, 1, ring: 0), Account(3, 2)], Ring(0, 0, 1, 2));
        var listed = new Dictionary<int, IReadOnlySet<int>> { [2] = new HashSet<int> { 0 } };
        var score = PossibleScorer.Score(population, listed, new Dictionary<int, IReadOnlySet<int>>(), [3]);
        Assert.Equal(1.0 / 3, score.StrongPairsListed, 6);
        Assert.Equal((0, 0.0), (score.WeakRings, score.OrdinaryWithPossible));
    }
}
