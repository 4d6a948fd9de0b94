using Tiergate.Core.Policy;

namespace Tiergate.Storage.Accounts.Users;

/// <summary>Users, as administrators change them; every change is audited with the acting <c>actor</c>.</summary>
public interface IUserAdministration
{
    /// <summary>Adds a user and grants every tier marked <c>auto_grant</c> (audited as <c>user.create</c>).</summary>
    Task<UserView> AddAsync(string email, string? name, string? organisation, IdentityLevel identity, string actor, CancellationToken cancellationToken = default);
}
