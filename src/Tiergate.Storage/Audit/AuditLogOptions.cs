namespace Tiergate.Storage.Audit;

/// <summary>Tuning for <see cref="AuditLog"/>'s group commit and checkpoint cadence.</summary>
public sealed record AuditLogOptions
{
    /// <summary>Most records written in one transaction.</summary>
    public int MaxBatchSize { get; init; } = 1024;

    /// <summary>A retained checkpoint is written once this many records have been appended since the last.</summary>
    public int CheckpointEveryRecords { get; init; } = 10_000;

    /// <summary>... or once this much time has passed since the last, whichever comes first.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>SQLite only: past this size the write-ahead log is restarted (see <see cref="SqliteWalCheckpointer"/>).</summary>
    public long SqliteWalLimitBytes { get; init; } = 64L * 1024 * 1024;
}
