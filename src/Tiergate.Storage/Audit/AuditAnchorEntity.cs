namespace Tiergate.Storage.Audit;

/// <summary>
/// A signed statement "record <see cref="Sequence"/> has hash <see cref="Hash"/>" left by an archival
/// (<see cref="AuditArchiver"/>) when it moved every record up to it into an archive file. The newest
/// anchor is where the database's chain starts: record <c>Sequence + 1</c> must link to <see cref="Hash"/>.
/// It is the archive's head, so the archive and the database prove one chain together.
/// </summary>
public sealed class AuditAnchorEntity
{
    public long Sequence { get; set; }

    public required byte[] Hash { get; set; }

    public long CreatedAtUnixMs { get; set; }

    public required string KeyId { get; set; }

    public required byte[] Signature { get; set; }

    /// <summary>How many records the archival that left this anchor removed from the database.</summary>
    public long ArchivedRecords { get; set; }

    public AuditCheckpointEntity ToSeal() => new()
    {
        Sequence = Sequence,
        Hash = Hash,
        CreatedAtUnixMs = CreatedAtUnixMs,
        KeyId = KeyId,
        Signature = Signature,
    };
}
