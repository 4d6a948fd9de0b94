namespace Tiergate.Storage.Audit;

/// <summary>How <see cref="AuditArchiver"/> removes archived records without holding up the audit writer.</summary>
public sealed record AuditArchiveOptions
{
    /// <summary>Records removed per transaction: each holds SQLite's write lock for a few milliseconds only.</summary>
    public int DeleteBatchSize { get; init; } = 1000;

    /// <summary>Pause between two delete transactions, so queued audit batches commit in between.</summary>
    public TimeSpan PauseBetweenBatches { get; init; } = TimeSpan.FromMilliseconds(5);
}
