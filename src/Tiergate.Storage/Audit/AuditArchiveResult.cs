namespace Tiergate.Storage.Audit;

/// <summary>What one archival did.</summary>
/// <param name="Status">Whether records were archived, there were none to archive, or another archiver was at work.</param>
/// <param name="Records">Records written to the archive and removed from the database.</param>
/// <param name="FirstSequence">The first archived record (0 when none).</param>
/// <param name="LastSequence">The last archived record: the anchor left in the database (0 when none).</param>
/// <param name="BytesFreed">Stored size of the removed rows (their columns' bytes), an estimate of the space given back for reuse.</param>
/// <param name="Path">The archive file; null when none was written.</param>
public sealed record AuditArchiveResult(AuditArchiveStatus Status, long Records, long FirstSequence, long LastSequence, long BytesFreed, string? Path)
{
    public static AuditArchiveResult Nothing { get; } = new(AuditArchiveStatus.NothingToArchive, 0, 0, 0, 0, null);

    public static AuditArchiveResult Busy { get; } = new(AuditArchiveStatus.Busy, 0, 0, 0, 0, null);
}
