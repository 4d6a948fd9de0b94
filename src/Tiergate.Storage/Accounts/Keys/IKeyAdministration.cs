namespace Tiergate.Storage.Accounts.Keys;

/// <summary>API keys, as administrators change and read them; every action is audited with the acting <c>actor</c>.</summary>
public interface IKeyAdministration
{
    /// <summary>Creates a key; its secret is returned once and stored only as a peppered hash (audited as <c>key.create</c>).</summary>
    Task<CreatedKey> CreateAsync(string email, int? expiresDays, IReadOnlyList<string> allowedNetworks, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a key scoped to <paramref name="tiers"/> (empty: every tier the user holds). The security practices of
    /// every tier the key can reach (identity, MFA, key lifetime, IP allowlist) must be met, or it is refused with the
    /// practice's code (<c>mfa_required</c>, ...); a scoped tier must be held (<c>key_tier_not_held</c>). Audited as <c>key.create</c>, refusals too.
    /// </summary>
    Task<CreatedKey> CreateAsync(string email, int? expiresDays, IReadOnlyList<string> allowedNetworks, IReadOnlyList<string> tiers, string actor, CancellationToken cancellationToken = default);

    /// <summary>Revokes a key, effective from the next request (audited as <c>key.revoke</c>).</summary>
    Task<KeyView> RevokeAsync(string idOrKey, string actor, CancellationToken cancellationToken = default);

    /// <summary>Lists a user's keys, never their secrets; an admin read of personal data, so audited as <c>key.list</c>.</summary>
    Task<IReadOnlyList<KeyView>> ListAsync(string email, string actor, CancellationToken cancellationToken = default);
}
