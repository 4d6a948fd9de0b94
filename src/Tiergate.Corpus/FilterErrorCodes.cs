using System.Reflection;

namespace Tiergate.Corpus;

/// <summary>Stable error codes of the corpus filter; docs/error-codes.md is generated from this list.</summary>
public static class FilterErrorCodes
{
    public static readonly FilterErrorCode IoError = new("TG4000", "filter_io_error", 1, "A file could not be read or written while filtering (I/O, permissions, disk full).");
    public static readonly FilterErrorCode InvalidOptions = new("TG4001", "invalid_filter_options", 2, "The options or the spec file are invalid; every problem is listed with its path.");
    public static readonly FilterErrorCode InvalidInput = new("TG4002", "invalid_input", 2, "An --input path does not exist or is not a recognised format.");
    public static readonly FilterErrorCode ShardsNotTagged = new("TG4003", "shards_not_tagged", 2, "`filter rebuild`: the run given by --from has not tagged these shards (no done marker).");
    public static readonly FilterErrorCode NoRankReports = new("TG4004", "no_rank_reports", 2, "`filter merge-report`: the directory holds no rank reports.");
    public static readonly FilterErrorCode MixedWorldSizes = new("TG4005", "mixed_world_sizes", 2, "`filter merge-report`: the rank reports come from runs with different world sizes.");
    public static readonly FilterErrorCode RanksMissing = new("TG4006", "ranks_missing", 3, "`filter merge-report`: the reports were merged, but some ranks have not reported yet.");
    public static readonly FilterErrorCode SidecarMismatch = new("TG4007", "sidecar_mismatch", 1, "`filter rebuild`: a sidecar record does not match its input (the input changed since tagging, or the sidecar names other stages or terms).");

    public static IReadOnlyList<FilterErrorCode> All { get; } = typeof(FilterErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(FilterErrorCode))
        .Select(f => (FilterErrorCode)f.GetValue(null)!)
        .ToList();
}
