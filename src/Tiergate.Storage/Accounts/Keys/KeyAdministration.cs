using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Keys;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts.Grants;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Accounts.Keys;

/// <summary>API key administration on the Tiergate database (the owner's own operations are in KeyAdministration.Owner.cs).</summary>
public sealed partial class KeyAdministration(TiergateDatabase database, PolicyDocument policy, ApiKeyHasher hasher, IAuditLog audit, TimeProvider time) : IKeyAdministration
{
    private readonly AccountDirectory _directory = new(database);

    public Task<CreatedKey> CreateAsync(string email, int? expiresDays, IReadOnlyList<string> allowedNetworks, string actor, CancellationToken cancellationToken = default) =>
        CreateAsync(email, expiresDays, allowedNetworks, [], actor, cancellationToken);

    public async Task<CreatedKey> CreateAsync(string email, int? expiresDays, IReadOnlyList<string> allowedNetworks, IReadOnlyList<string> tiers, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        if (expiresDays is < 1 or > 3650)
        {
            throw new TiergateException(ErrorCodes.InvalidArgument, "--expires-days must be between 1 and 3650.");
        }

        if (!Networks.TryCanonicalise(allowedNetworks, out var networks, out var bad))
        {
            throw new TiergateException(ErrorCodes.InvalidArgument, $"{bad} (e.g. 203.0.113.0/24, or 203.0.113.7 for one address).");
        }

        await using var db = database.CreateContext();
        var user = await _directory.FindUserAsync(db, email, cancellationToken);
        var scope = tiers.Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList();
        foreach (var tier in scope)
        {
            if (!policy.TiersByName.ContainsKey(tier))
            {
                throw new TiergateException(GrantErrors.UnknownTier, $"The policy has no tier '{tier}' (tiers: {string.Join(", ", policy.Tiers.Select(t => t.Name))}).");
            }
        }

        var now = time.GetUtcNow();
        await KeyPractices.CheckAsync(db, policy, user, scope, now, expiresDays is { } days ? now.AddDays(days) : null, networks, audit, actor, cancellationToken);
        var (id, key) = ApiKeyFormat.Generate();
        var entity = new ApiKeyEntity
        {
            Id = id,
            UserId = user.Id,
            Hash = hasher.Hash(key),
            CreatedAt = now,
            ExpiresAt = expiresDays is { } d ? now.AddDays(d) : null,
            AllowedNetworks = networks,
            Tiers = KeyTiers.Format(scope),
        };
        db.ApiKeys.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent("key.create", actor, $"key:{id}", "ok", new Dictionary<string, string>
        {
            ["user"] = $"user:{user.Id}",
            ["expires_at"] = entity.ExpiresAt?.ToString("O") ?? "never",
            ["allowed_networks"] = networks,
            ["tiers"] = scope.Count == 0 ? "all held" : KeyTiers.Format(scope),
        }), cancellationToken);
        return new CreatedKey(id, key, KeyView.From(entity, user.Email, now));
    }

    public async Task<KeyView> RevokeAsync(string idOrKey, string actor, CancellationToken cancellationToken = default)
    {
        // A whole key (someone pasting the one that leaked) revokes its id; what was given is never echoed
        // unless it is a plain id, since it may be a secret.
        var id = ApiKeyFormat.TryParse(idOrKey, out var parsed) ? parsed : idOrKey;
        await using var db = database.CreateContext();
        var key = ApiKeyFormat.IsKeyId(id) ? await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken) : null;
        if (key is null)
        {
            throw new TiergateException(KeyErrors.UnknownKey, ApiKeyFormat.IsKeyId(id)
                ? $"No API key has id '{id}'."
                : "No API key has that id (give the 12-character id that keys list shows, or the whole key).");
        }

        var now = time.GetUtcNow();
        key.RevokedAt ??= now;
        await db.SaveChangesAsync(cancellationToken);
        var email = (await db.Users.AsNoTracking().FirstAsync(u => u.Id == key.UserId, cancellationToken)).Email;
        await audit.AppendAsync(new AuditEvent("key.revoke", actor, $"key:{id}", "ok", new Dictionary<string, string> { ["user"] = $"user:{key.UserId}" }), cancellationToken);
        return KeyView.From(key, email, now);
    }

    public async Task<IReadOnlyList<KeyView>> ListAsync(string email, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var user = await _directory.FindUserAsync(db, email, cancellationToken);
        var now = time.GetUtcNow();
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.UserId == user.Id).ToListAsync(cancellationToken);

        // Reading another person's account data is an admin read of personal data: audited.
        await audit.AppendAsync(new AuditEvent("key.list", actor, $"user:{user.Id}", "ok"), cancellationToken);
        return keys.OrderBy(k => k.CreatedAt).Select(k => KeyView.From(k, user.Email, now)).ToList();
    }
}
