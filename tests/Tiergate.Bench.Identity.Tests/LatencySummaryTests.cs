using Tiergate.Bench.Identity.Timing;

namespace Tiergate.Bench.Identity.Tests;

public sealed class LatencySummaryTests
{
    [Fact]
    public void Of_TwentySamples_MedianOfMiddlePairAndNearestRankP95()
    {
        var summary = LatencySummary.Of("sqlite", "links", Enumerable.Range(1, 20).Select(i => new Sample(i, i / 10.0)).Reverse().ToList());
        Assert.Equal((20, 10.5, 19.0, 20.0, 1.05), (summary.Samples, summary.MedianMs, summary.P95Ms, summary.MaxMs, summary.CpuMedianMs));
    }

    [Fact]
    public void Of_NoSamples_Zeros()
    {
        var summary = LatencySummary.Of("postgres", "attach", []);
        Assert.Equal((0, 0.0, 0.0), (summary.Samples, summary.MedianMs, summary.P95Ms));
    }

    [Fact]
    public void ProcessCpu_BusyLoop_Advances()
    {
        var before = ProcessCpu.Nanoseconds();
        var spin = 0.0;
        for (var i = 0; i < 20_000_000; i++)
        {
            spin += Math.Sqrt(i);
        }

        Assert.True(spin > 0);
        Assert.True(ProcessCpu.Nanoseconds() - before > 1_000_000, "20 million square roots take over a millisecond of CPU");
    }
}
