using Tiergate.Bench.Identity.Timing;

namespace Tiergate.Bench.Identity.Tests;

public sealed class LatencySummaryTests
{
    [Fact]
    public void Of_TwentySamples_MedianOfMiddlePairAndNearestRankP95()
    {
        var summary = LatencySummary.Of("sqlite", "links", Enumerable.Range(1, 20).Select(i => (double)i).Reverse().ToList());
        Assert.Equal((20, 10.5, 19.0, 20.0), (summary.Samples, summary.MedianMs, summary.P95Ms, summary.MaxMs));
    }

    [Fact]
    public void Of_NoSamples_Zeros()
    {
        var summary = LatencySummary.Of("postgres", "attach", []);
        Assert.Equal((0, 0.0, 0.0), (summary.Samples, summary.MedianMs, summary.P95Ms));
    }
}
