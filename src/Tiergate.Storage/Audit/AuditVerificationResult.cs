namespace Tiergate.Storage.Audit;

/// <summary>
/// The outcome of checking a chain. When <see cref="Ok"/> is false, <see cref="FirstBadSequence"/>
/// names the first record at which the chain stops holding (null when no record can be named, e.g.
/// a missing head) and <see cref="Problem"/> says what was found there.
/// </summary>
public sealed record AuditVerificationResult(
    bool Ok,
    long RecordsChecked,
    int CheckpointsChecked,
    long LastSequence,
    long? FirstBadSequence,
    string? Problem,
    string? KeyId);
