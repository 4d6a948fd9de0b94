using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Accounts.Grants;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Accounts.Users;

public sealed record UserView(long Id, string Email, string? Name, string? Organisation, string Identity, DateTimeOffset CreatedAt, IReadOnlyList<GrantView> Grants)
{
    internal static UserView From(UserEntity u, IReadOnlyList<GrantView> grants) =>
        new(u.Id, u.Email, u.Name, u.Organisation, AccountDirectory.IdentityName((IdentityLevel)u.IdentityLevel), u.CreatedAt, grants) { Role = VettingNames.Of((UserRole)u.Role), Privacy = u.PrivacyPermission };

    /// <summary>The user's role: <c>applicant</c>, <c>reviewer</c> or <c>admin</c>.</summary>
    public string Role { get; init; } = VettingNames.Of(UserRole.Applicant);

    /// <summary>Whether the user holds the <c>privacy</c> permission (may unmask alerts of <c>aggregate</c>-privacy tiers).</summary>
    public bool Privacy { get; init; }
}
