namespace Tiergate.Storage.Audit;

/// <summary>
/// One row of the append-only audit chain. <see cref="PreviousHash"/> is the SHA-256 of the previous
/// record's canonical bytes (32 zero bytes for record 1); <see cref="Hash"/> is this record's own.
/// </summary>
public sealed class AuditRecordEntity
{
    /// <summary>1, 2, 3, ... with no gaps; assigned by the writer, never by the database.</summary>
    public long Sequence { get; set; }

    /// <summary>Milliseconds since the Unix epoch (UTC), from the injected <see cref="TimeProvider"/>.</summary>
    public long TimestampUnixMs { get; set; }

    public required string Action { get; set; }

    public required string Actor { get; set; }

    public string? Subject { get; set; }

    public required string Outcome { get; set; }

    /// <summary>Canonical JSON object (keys sorted ordinally), or null when the event has no details.</summary>
    public string? Details { get; set; }

    public required byte[] PreviousHash { get; set; }

    public required byte[] Hash { get; set; }
}
