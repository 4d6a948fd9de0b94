namespace Tiergate.Corpus.Reporting;

/// <summary><c>report.json</c>: one rank's report, or all ranks' merged by <c>filter merge-report</c>.</summary>
public sealed record FilterReport(
    string OutputDirectory,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<StageInfo> Stages,
    IReadOnlyList<RankInfo> Ranks,
    int ShardsPlanned,
    ShardStats Totals)
{
    /// <summary>Ranks of the world that have no report yet (merge-report fills this in).</summary>
    public IReadOnlyList<int> MissingRanks { get; init; } = [];
}
