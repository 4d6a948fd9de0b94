namespace Tiergate.Storage.Audit;

/// <summary>
/// A signed statement "record <see cref="Sequence"/> has hash <see cref="Hash"/>", kept for good.
/// Written periodically by the writer; each one seals every record up to it.
/// </summary>
public sealed class AuditCheckpointEntity
{
    public long Sequence { get; set; }

    public required byte[] Hash { get; set; }

    public long CreatedAtUnixMs { get; set; }

    /// <summary>Fingerprint of the Ed25519 public key that signed it (<see cref="AuditVerificationKey.KeyId"/>).</summary>
    public required string KeyId { get; set; }

    public required byte[] Signature { get; set; }
}
