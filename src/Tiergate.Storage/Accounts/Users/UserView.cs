using Tiergate.Core.Vetting;
using Tiergate.Storage.Accounts.Grants;
using Tiergate.Storage.Entities;
using Tiergate.Storage.Identity;

namespace Tiergate.Storage.Accounts.Users;

public sealed record UserView(long Id, string Email, string? Name, string? Organisation, string Identity, DateTimeOffset CreatedAt, IReadOnlyList<GrantView> Grants)
{
    /// <summary>The user as of <paramref name="now"/>: the identity level is the one the records establish then (expiries applied).</summary>
    internal static UserView From(UserEntity u, IReadOnlyList<GrantView> grants, DateTimeOffset now) =>
        new(u.Id, u.Email, u.Name, u.Organisation, AccountDirectory.IdentityName(IdentityVerifications.StandingOf(u).LevelAt(now)), u.CreatedAt, grants)
        {
            Role = VettingNames.Of((UserRole)u.Role),
            Privacy = u.PrivacyPermission,
            IdentityVerifiedAt = u.IdentityVerifiedAt,
            IdentityExpiresAt = u.IdentityExpiresAt,
        };

    /// <summary>When the newest valid identity verification was made (what a tier's <c>identity_max_age_days</c> measures); null when none.</summary>
    public DateTimeOffset? IdentityVerifiedAt { get; init; }

    /// <summary>When the identity verification lapses by itself; null for never.</summary>
    public DateTimeOffset? IdentityExpiresAt { get; init; }

    /// <summary>The user's role: <c>applicant</c>, <c>reviewer</c> or <c>admin</c>.</summary>
    public string Role { get; init; } = VettingNames.Of(UserRole.Applicant);

    /// <summary>Whether the user holds the <c>privacy</c> permission (may unmask alerts of <c>aggregate</c>-privacy tiers).</summary>
    public bool Privacy { get; init; }
}
