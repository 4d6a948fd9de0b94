using Tiergate.Corpus.Pipeline;

namespace Tiergate.Corpus.Reporting;

/// <summary>Joins the rank reports under <c>DIR/ranks/</c> into one <c>report.json</c> and <c>report.html</c>.</summary>
public static class ReportMerger
{
    public static FilterReport Merge(string outputDirectory)
    {
        var layout = new OutputLayout(outputDirectory);
        var files = Directory.Exists(layout.Ranks) ? Directory.GetFiles(layout.Ranks, "rank-*.json").Order(StringComparer.Ordinal).ToList() : [];
        if (files.Count == 0)
        {
            throw new FilterConfigurationException(FilterErrorCodes.NoRankReports, $"{layout.Ranks}: no rank reports to merge");
        }

        var reports = files.Select(ReportJson.Read<FilterReport>).ToList();
        var worlds = reports.SelectMany(r => r.Ranks).Select(r => r.WorldSize).Distinct().ToList();
        if (worlds.Count != 1)
        {
            throw new FilterConfigurationException(FilterErrorCodes.MixedWorldSizes, $"{layout.Ranks}: reports from different world sizes ({string.Join(", ", worlds)}); remove the stale ones");
        }

        var totals = new ShardStats();
        foreach (var report in reports)
        {
            totals.Merge(report.Totals);
        }

        var ranks = reports.SelectMany(r => r.Ranks).OrderBy(r => r.Rank).ToList();
        var missing = Enumerable.Range(0, worlds[0]).Except(ranks.Select(r => r.Rank)).ToList();
        var merged = new FilterReport(layout.Root, reports[0].Inputs, reports[0].Stages, ranks, reports[0].ShardsPlanned, totals) { MissingRanks = missing };
        ReportWriter.Write(layout, merged);
        return merged;
    }
}
