namespace Tiergate.Corpus.Reporting;

/// <summary>
/// Mergeable counts for one shard, one rank or a whole run. Every field merges by addition or
/// by an order-independent selection, so merging rank reports equals a single-process run.
/// </summary>
public sealed class ShardStats
{
    public const int MaxBadInputEntries = 1000;
    public const int MaxSamples = 50;

    public long DocumentsIn { get; set; }

    public long BytesIn { get; set; }

    public long Kept { get; set; }

    public long Removed { get; set; }

    public long Invalid { get; set; }

    /// <summary>Stages in cascade order.</summary>
    public List<string> StageOrder { get; set; } = [];

    public Dictionary<string, StageStats> Stages { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> RemovedByCategory { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> InvalidByReason { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Bad lines with file and line; complete up to <see cref="MaxBadInputEntries"/>, then counted only.</summary>
    public List<BadInputEntry> BadInputs { get; set; } = [];

    public Dictionary<string, FileStats> Files { get; set; } = new(StringComparer.Ordinal);

    public List<RemovedSample> Samples { get; set; } = [];

    public void Merge(ShardStats other)
    {
        DocumentsIn += other.DocumentsIn;
        BytesIn += other.BytesIn;
        Kept += other.Kept;
        Removed += other.Removed;
        Invalid += other.Invalid;
        foreach (var name in other.StageOrder.Where(n => !StageOrder.Contains(n)))
        {
            StageOrder.Add(name);
        }

        foreach (var (name, stage) in other.Stages)
        {
            StageFor(name).Merge(stage);
        }

        Counts.Merge(RemovedByCategory, other.RemovedByCategory);
        Counts.Merge(InvalidByReason, other.InvalidByReason);
        BadInputs = BadInputs.Concat(other.BadInputs)
            .OrderBy(b => b.File, StringComparer.Ordinal).ThenBy(b => b.Offset)
            .Take(MaxBadInputEntries).ToList();
        foreach (var (file, stats) in other.Files)
        {
            if (!Files.TryGetValue(file, out var mine))
            {
                Files[file] = mine = new FileStats();
            }

            mine.Merge(stats);
        }

        Samples = Samples.Concat(other.Samples).OrderBy(s => s.SampleKey).ThenBy(s => s.File, StringComparer.Ordinal)
            .Take(MaxSamples).ToList();
    }

    /// <summary>A file that could not be read at all counts as one invalid document (<c>unreadable-file</c>), listed at line 0 (1 once rebased).</summary>
    public void AddUnreadableFile(string file, string detail)
    {
        DocumentsIn++;
        Invalid++;
        Counts.Add(InvalidByReason, BadInputReasons.UnreadableFile);
        BadInputs.Add(new BadInputEntry(file, 0, 0, BadInputReasons.UnreadableFile, detail));
    }

    public StageStats StageFor(string name)
    {
        if (!Stages.TryGetValue(name, out var stage))
        {
            Stages[name] = stage = new StageStats();
            if (!StageOrder.Contains(name))
            {
                StageOrder.Add(name);
            }
        }

        return stage;
    }
}
