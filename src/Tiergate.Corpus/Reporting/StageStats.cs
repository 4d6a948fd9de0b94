namespace Tiergate.Corpus.Reporting;

/// <summary>Counts for one cascade stage. Documents removed by an earlier stage are still counted here as matched/escalated.</summary>
public sealed class StageStats
{
    /// <summary>Documents with at least one blocklist term.</summary>
    public long Matched { get; set; }

    /// <summary>Documents that reached the stage's rule (k terms, or all documents without a blocklist).</summary>
    public long Escalated { get; set; }

    /// <summary>Documents the classifier scored.</summary>
    public long Classified { get; set; }

    /// <summary>Documents this stage removed (first removing stage only).</summary>
    public long Removed { get; set; }

    /// <summary>Escalated documents the stage let through (classifier score under the threshold).</summary>
    public long EscalatedKept { get; set; }

    /// <summary>Per hazard category: documents with a term of that category.</summary>
    public Dictionary<string, long> MatchedByCategory { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per hazard category: documents this stage removed, by their dominant category.</summary>
    public Dictionary<string, long> RemovedByCategory { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per term: documents containing it.</summary>
    public Dictionary<string, long> TermDocuments { get; set; } = new(StringComparer.Ordinal);

    public void Merge(StageStats other)
    {
        Matched += other.Matched;
        Escalated += other.Escalated;
        Classified += other.Classified;
        Removed += other.Removed;
        EscalatedKept += other.EscalatedKept;
        Counts.Merge(MatchedByCategory, other.MatchedByCategory);
        Counts.Merge(RemovedByCategory, other.RemovedByCategory);
        Counts.Merge(TermDocuments, other.TermDocuments);
    }
}
