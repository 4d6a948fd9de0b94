using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Keys;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Accounts.Keys;

/// <summary>
/// What a key's owner does to their own keys from the console. Every lookup is by owner and id together, so
/// another user's key id is answered exactly as an id that does not exist (<see cref="KeyErrors.UnknownKey"/>).
/// </summary>
public sealed partial class KeyAdministration
{
    public async Task<IReadOnlyList<KeyView>> ListOwnAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken);
        var now = time.GetUtcNow();
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId).ToListAsync(cancellationToken);
        return keys.OrderByDescending(k => k.CreatedAt).Select(k => KeyView.From(k, user.Email, now)).ToList();
    }

    public async Task<IReadOnlyList<string>> HeldTiersAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var now = time.GetUtcNow();
        var held = (await db.Grants.AsNoTracking().Where(g => g.UserId == userId && g.RevokedAt == null).ToListAsync(cancellationToken))
            .Where(g => g.ExpiresAt is null || g.ExpiresAt > now)
            .Select(g => g.Tier)
            .ToHashSet(StringComparer.Ordinal);
        return policy.Tiers.Where(t => held.Contains(t.Name)).Select(t => t.Name).ToList();
    }

    public async Task<KeyView> RevokeOwnAsync(long userId, string id, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var key = await FindOwnAsync(db, userId, id, cancellationToken);
        var now = time.GetUtcNow();
        var email = (await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken)).Email;
        if (key.RevokedAt is not null)
        {
            return KeyView.From(key, email, now);
        }

        key.RevokedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent("key.revoke", actor, $"key:{key.Id}", "ok", new Dictionary<string, string> { ["user"] = $"user:{userId}" }), cancellationToken);
        return KeyView.From(key, email, now);
    }

    public async Task<CreatedKey> RotateAsync(long userId, string id, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var old = await FindOwnAsync(db, userId, id, cancellationToken);
        if (old.RevokedAt is not null)
        {
            throw new TiergateException(ErrorCodes.InvalidArgument, $"Key {old.Id} is revoked, so it cannot be rotated; create a new key instead.");
        }

        var user = await db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
        var now = time.GetUtcNow();
        var scope = KeyTiers.Parse(old.Tiers);

        // The same lifetime as the old key, counted from now: a key within a tier's maximum stays within it.
        DateTimeOffset? expiresAt = old.ExpiresAt is { } expires ? now + (expires - old.CreatedAt) : null;
        await KeyPractices.CheckAsync(db, policy, user, scope, now, expiresAt, old.AllowedNetworks, audit, actor, cancellationToken);
        var (newId, key) = ApiKeyFormat.Generate();
        var entity = new ApiKeyEntity
        {
            Id = newId,
            UserId = userId,
            Hash = hasher.Hash(key),
            CreatedAt = now,
            ExpiresAt = expiresAt,
            AllowedNetworks = old.AllowedNetworks,
            Tiers = old.Tiers,
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Revoke only if still active: of two rotations racing (a replayed post), one makes a key.
            var revoked = await db.ApiKeys.Where(k => k.Id == old.Id && k.UserId == userId && k.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken);
            if (revoked == 0)
            {
                throw new TiergateException(ErrorCodes.InvalidArgument, $"Key {old.Id} is revoked, so it cannot be rotated; create a new key instead.");
            }

            db.ApiKeys.Add(entity);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // After the commit: on SQLite the audit log needs the write lock the transaction held.
        await audit.AppendAsync(new AuditEvent("key.create", actor, $"key:{newId}", "ok", new Dictionary<string, string>
        {
            ["user"] = $"user:{userId}",
            ["expires_at"] = entity.ExpiresAt?.ToString("O") ?? "never",
            ["allowed_networks"] = entity.AllowedNetworks,
            ["tiers"] = scope.Count == 0 ? "all held" : entity.Tiers,
            ["rotated_from"] = $"key:{old.Id}",
        }), cancellationToken);
        await audit.AppendAsync(new AuditEvent("key.revoke", actor, $"key:{old.Id}", "ok", new Dictionary<string, string>
        {
            ["user"] = $"user:{userId}",
            ["rotated_to"] = $"key:{newId}",
        }), cancellationToken);
        return new CreatedKey(newId, key, KeyView.From(entity, user.Email, now));
    }

    /// <summary>The owner's key with this id (tracked); another user's key is unknown, as if it did not exist.</summary>
    private static async Task<ApiKeyEntity> FindOwnAsync(TiergateDbContext db, long userId, string id, CancellationToken cancellationToken) =>
        (ApiKeyFormat.IsKeyId(id) ? await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id && k.UserId == userId, cancellationToken) : null)
            ?? throw new TiergateException(KeyErrors.UnknownKey, "You have no API key with that id.");
}
