namespace Tiergate.Storage.Accounts.Grants;

/// <summary>Grants of tiers to users, as administrators change them; every change is audited with the acting <c>actor</c>.</summary>
public interface IGrantAdministration
{
    /// <summary>Grants a tier for <paramref name="days"/> (default: the tier's <c>grant_days</c>); audited as <c>grant.create</c>, refusals too.</summary>
    Task<GrantView> AddAsync(string email, string tier, int? days, string actor, CancellationToken cancellationToken = default);

    /// <summary>Revokes every active grant of a tier, effective from the next request (audited as <c>grant.revoke</c>).</summary>
    Task<IReadOnlyList<GrantView>> RevokeAsync(string email, string tier, string actor, CancellationToken cancellationToken = default);

    /// <summary>Grants, newest first: a user's (by email) or everyone's newest <paramref name="limit"/> (audited as <c>grant.list</c>).</summary>
    Task<IReadOnlyList<GrantView>> ListAsync(string? email, int limit, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes one grant by id, effective from the next request (audited as <c>grant.revoke</c>).
    /// <see cref="GrantErrors.GrantNotFound"/> when there is no such grant or it is no longer active (a replayed revocation changes nothing).
    /// </summary>
    Task<GrantView> RevokeByIdAsync(long id, string actor, CancellationToken cancellationToken = default);
}
