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

    /// <summary>The keys of the user with this id, for the owner's own page (their own data: not audited as an admin read).</summary>
    Task<IReadOnlyList<KeyView>> ListOwnAsync(long userId, CancellationToken cancellationToken = default);

    /// <summary>The tiers the user actively holds now, in policy order: what an unscoped key of theirs reaches.</summary>
    Task<IReadOnlyList<string>> HeldTiersAsync(long userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes the owner's key <paramref name="id"/>; another user's key, or no key, is <c>unknown_key</c> (404), never theirs.
    /// Revoking a revoked key changes nothing (a replayed request). Audited as <c>key.revoke</c>.
    /// </summary>
    Task<KeyView> RevokeOwnAsync(long userId, string id, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the owner's active key <paramref name="id"/> with a new one of the same tier scope, allowlist and lifetime
    /// (counted from now), and revokes the old one, in one step; the new key passes the same practice checks as a new key.
    /// Another user's key is <c>unknown_key</c> (404); a revoked key is refused (<c>invalid_argument</c>) so a replay makes no second key.
    /// Audited as <c>key.create</c> and <c>key.revoke</c> (with <c>rotated_to</c>).
    /// </summary>
    Task<CreatedKey> RotateAsync(long userId, string id, string actor, CancellationToken cancellationToken = default);
}
