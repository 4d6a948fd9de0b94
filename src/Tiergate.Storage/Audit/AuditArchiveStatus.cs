namespace Tiergate.Storage.Audit;

public enum AuditArchiveStatus
{
    Archived,
    NothingToArchive,

    /// <summary>Another archiver (another instance, or the CLI) holds the archive lock or anchored first; nothing was changed.</summary>
    Busy,
}
