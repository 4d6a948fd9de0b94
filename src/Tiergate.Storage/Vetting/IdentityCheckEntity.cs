namespace Tiergate.Storage.Vetting;

/// <summary>
/// One recorded verification of an account's identity or affiliation: how (method), when, how it ended, on what
/// evidence, until when, and whether it was withdrawn. The account's level is derived from these, never set bare.
/// </summary>
public sealed class IdentityCheckEntity
{
    public long Id { get; set; }

    public long UserId { get; set; }

    /// <summary>A <see cref="Tiergate.Core.Identity.VerificationKind"/>.</summary>
    public int Kind { get; set; }

    /// <summary>How it was checked (<c>stripe_identity</c>, <c>persona</c>, <c>institutional_email</c>, <c>reviewer_document</c>, <c>operator</c>, …).</summary>
    public required string Method { get; set; }

    /// <summary>A <see cref="Tiergate.Core.Identity.VerificationOutcome"/>.</summary>
    public int Outcome { get; set; }

    /// <summary>What the checker saw, or the vendor's reference to it; encrypted at rest.</summary>
    public required string Evidence { get; set; }

    /// <summary>The vendor's session or inquiry id; unique per method, so a vendor's later result updates this record.</summary>
    public string? VendorReference { get; set; }

    /// <summary>The actor who recorded it (<c>cli:alice</c>, <c>user:7</c>, <c>vendor:stripe_identity</c>).</summary>
    public required string RecordedBy { get; set; }

    public DateTimeOffset At { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }

    public string? WithdrawnBy { get; set; }

    /// <summary>Why it was withdrawn; encrypted at rest.</summary>
    public string? WithdrawnReason { get; set; }
}
