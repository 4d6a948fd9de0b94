using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Accounts.Grants;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Accounts.Users;

public sealed record UserView(long Id, string Email, string? Name, string? Organisation, string Identity, DateTimeOffset CreatedAt, IReadOnlyList<GrantView> Grants)
{
    internal static UserView From(UserEntity u, IReadOnlyList<GrantView> grants) =>
        new(u.Id, u.Email, u.Name, u.Organisation, AccountDirectory.IdentityName((IdentityLevel)u.IdentityLevel), u.CreatedAt, grants) { Role = VettingNames.Of((UserRole)u.Role) };

    /// <summary>The user's role: <c>applicant</c>, <c>reviewer</c> or <c>admin</c>.</summary>
    public string Role { get; init; } = VettingNames.Of(UserRole.Applicant);
}
