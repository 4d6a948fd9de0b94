namespace Tiergate.Storage.Entities;

public sealed class UserEntity
{
    public long Id { get; set; }

    /// <summary>Lowercased and trimmed; encrypted at rest.</summary>
    public required string Email { get; set; }

    /// <summary>Keyed HMAC (blind index) of <see cref="Email"/>: unique, and how a user is found by email.</summary>
    public required string EmailIndex { get; set; }

    /// <summary>Encrypted at rest.</summary>
    public string? Name { get; set; }

    /// <summary>Encrypted at rest.</summary>
    public string? Organisation { get; set; }

    /// <summary>
    /// Derived from the account's verifications (identity_checks) whenever one is recorded or withdrawn, with the three
    /// instants below, so the gateway's caller lookup reads the whole standing in its one query.
    /// </summary>
    public int IdentityLevel { get; set; }

    /// <summary>When the newest valid identity verification was made (what <c>identity_max_age_days</c> measures).</summary>
    public DateTimeOffset? IdentityVerifiedAt { get; set; }

    /// <summary>When the identity verification lapses by itself; null for never.</summary>
    public DateTimeOffset? IdentityExpiresAt { get; set; }

    /// <summary>When the affiliation lapses by itself; null for never.</summary>
    public DateTimeOffset? AffiliationExpiresAt { get; set; }

    public bool MfaEnrolled { get; set; }

    /// <summary>A <see cref="Tiergate.Core.Vetting.UserRole"/>: applicant (0, the default), reviewer, admin.</summary>
    public int Role { get; set; }

    /// <summary>The <c>privacy</c> permission, beside the role: may unmask alerts of <c>aggregate</c>-privacy tiers (with an audited reason).</summary>
    public bool PrivacyPermission { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }
}
