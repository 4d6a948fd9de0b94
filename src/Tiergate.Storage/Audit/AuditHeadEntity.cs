namespace Tiergate.Storage.Audit;

/// <summary>
/// The single signed head of the chain (row <see cref="SingletonId"/>), rewritten in the same
/// transaction as every batch of records. A log that ends before its head has been truncated; a
/// record after it was inserted by someone without the signing key.
/// </summary>
public sealed class AuditHeadEntity
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long Sequence { get; set; }

    public required byte[] Hash { get; set; }

    public long CreatedAtUnixMs { get; set; }

    public required string KeyId { get; set; }

    public required byte[] Signature { get; set; }
}
