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

    /// <summary>
    /// Classifier scores of the documents this stage classified, in <see cref="ScoreBuckets"/> equal buckets over
    /// [0, 1] (empty when nothing was classified), so a threshold can be chosen from the report without rescanning.
    /// </summary>
    public long[] ScoreHistogram { get; set; } = [];

    public const int ScoreBuckets = 20;

    public static int ScoreBucket(float score) => Math.Clamp((int)(score * ScoreBuckets), 0, ScoreBuckets - 1);

    public void Merge(StageStats other)
    {
        if (other.ScoreHistogram.Length > 0)
        {
            var merged = new long[Math.Max(ScoreHistogram.Length, other.ScoreHistogram.Length)];
            ScoreHistogram.CopyTo(merged, 0);
            for (var i = 0; i < other.ScoreHistogram.Length; i++)
            {
                merged[i] += other.ScoreHistogram[i];
            }

            ScoreHistogram = merged;
        }

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
