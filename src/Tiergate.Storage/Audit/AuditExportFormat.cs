namespace Tiergate.Storage.Audit;

/// <summary>
/// Names used in the JSON-lines export. Line 1 is a header; then each record, each signed
/// checkpoint immediately after the record it seals, and last the signed head. Hashes are lowercase
/// hex, signatures and public keys base64, details the record's canonical JSON object verbatim.
/// An archive (<c>audit archive</c>) is the same format: its head is the anchor it leaves in the database.
/// </summary>
public static class AuditExportFormat
{
    public const string Format = "tiergate-audit-export/1";
    public const string Header = "header";
    public const string Record = "record";
    public const string Checkpoint = "checkpoint";
    public const string Head = "head";

    /// <summary>
    /// Header field: the signed anchor (seq, hash, createdAtUnixMs, keyId, signature) that the first
    /// record continues, when the records do not start at 1 (an archive after the first, or a database
    /// whose older records were archived). Absent when they start at 1.
    /// </summary>
    public const string StartsAfter = "startsAfter";
}
