using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts.Grants;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Accounts.Users;

public sealed record UserView(long Id, string Email, string? Name, string? Organisation, string Identity, DateTimeOffset CreatedAt, IReadOnlyList<GrantView> Grants)
{
    internal static UserView From(UserEntity u, IReadOnlyList<GrantView> grants) =>
        new(u.Id, u.Email, u.Name, u.Organisation, AccountDirectory.IdentityName((IdentityLevel)u.IdentityLevel), u.CreatedAt, grants);
}
