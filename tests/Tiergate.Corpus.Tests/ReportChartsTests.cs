using System.Text.RegularExpressions;
using Tiergate.Corpus.Reporting;
using Tiergate.Testing.Corpus;

namespace Tiergate.Corpus.Tests;

public sealed class ReportChartsTests
{
    [Fact]
    public void Render_ReportWithClassifier_HasFunnelFileBarsAndScoreHistogramAsInlineSvgWithoutScripts()
    {
        var html = HtmlReport.Render(SampleReports.WithClassifier());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<svg class=\"chart funnel\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart files\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart scores\"", html, StringComparison.Ordinal);
        Assert.Contains("threshold 0.6", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Funnel_TwoStages_OneBarPerStepWidthsFollowCounts()
    {
        var svg = ReportCharts.Funnel(SampleReports.WithClassifier());

        // in, valid, blocklist matched/escalated/removed, classifier matched/escalated/classified/removed, kept
        var widths = Regex.Matches(svg, "<rect x=\"\\d+\" y=\"[\\d.]+\" width=\"([\\d.]+)\"").Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(10, widths.Count);
        Assert.Equal(widths.Max(), widths[0]);
        Assert.Equal(9_400 / 10_000.0, widths[^1] / widths[0], 2);
        Assert.Contains("kept", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreDistribution_Threshold_LineAtThresholdAndBucketsRightOfItMarkedRemoved()
    {
        var report = SampleReports.WithClassifier();
        var stage = report.Stages[1];

        var svg = ReportCharts.ScoreDistribution(stage, report.Totals.Stages["classifier"]);

        Assert.Equal(20, Regex.Count(svg, "<rect "));
        Assert.Equal(8, Regex.Count(svg, "fill=\"#b5473a\"")); // buckets 0.60-0.65 … 0.95-1.00
        var x = double.Parse(Regex.Match(svg, "class=\"threshold\" x1=\"([\\d.]+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(50 + 650 * 0.6, x, 3);
    }

    [Fact]
    public void ScoreDistribution_NothingClassified_Empty()
    {
        var report = SampleReports.WithClassifier();

        Assert.Equal(string.Empty, ReportCharts.ScoreDistribution(report.Stages[1], new StageStats()));
    }

    [Fact]
    public void Merge_ScoreHistograms_AddBucketByBucket()
    {
        var a = new StageStats { ScoreHistogram = [1, 2, 3] };
        a.Merge(new StageStats { ScoreHistogram = [10, 20, 30, 40] });
        a.Merge(new StageStats());

        Assert.Equal([11L, 22, 33, 40], a.ScoreHistogram);
    }
}
