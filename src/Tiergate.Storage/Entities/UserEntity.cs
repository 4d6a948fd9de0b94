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

    public int IdentityLevel { get; set; }

    public bool MfaEnrolled { get; set; }

    /// <summary>A <see cref="Tiergate.Core.Vetting.UserRole"/>: applicant (0, the default), reviewer, admin.</summary>
    public int Role { get; set; }

    /// <summary>The <c>privacy</c> permission, beside the role: may unmask alerts of <c>aggregate</c>-privacy tiers (with an audited reason).</summary>
    public bool PrivacyPermission { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }
}
