namespace Tiergate.Corpus.Reporting;

/// <summary>Counts for one source file (summed over its byte-range shards).</summary>
public sealed class FileStats
{
    public long Documents { get; set; }

    public long Kept { get; set; }

    public long Removed { get; set; }

    public long Invalid { get; set; }

    public long Bytes { get; set; }

    public double RemovalRate => Documents == 0 ? 0 : (double)Removed / Documents;

    public void Merge(FileStats other)
    {
        Documents += other.Documents;
        Kept += other.Kept;
        Removed += other.Removed;
        Invalid += other.Invalid;
        Bytes += other.Bytes;
    }
}
