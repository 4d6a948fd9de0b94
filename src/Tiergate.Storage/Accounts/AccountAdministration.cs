using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Keys;
using Tiergate.Core.Policy;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Accounts;

/// <summary>
/// Users, grants and keys, as administrators change them (from the CLI or the admin API).
/// Every change is audited with the acting administrator.
/// </summary>
public sealed class AccountAdministration(TiergateDatabase database, PolicyDocument policy, ApiKeyHasher hasher, IAuditLog audit, TimeProvider time)
{
    public async Task<UserView> AddUserAsync(string email, string? name, string? organisation, IdentityLevel identity, string actor, CancellationToken cancellationToken = default)
    {
        var normalised = EmailAddress.Normalise(email);
        var index = EmailIndex(normalised);
        await using var db = database.CreateContext();
        if (await db.Users.AnyAsync(u => u.EmailIndex == index, cancellationToken))
        {
            throw new TiergateException(ErrorCodes.UserExists, $"A user with email '{normalised}' already exists.");
        }

        var now = time.GetUtcNow();
        var user = new UserEntity { Email = normalised, EmailIndex = index, Name = name, Organisation = organisation, IdentityLevel = (int)identity, CreatedAt = now };
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);

        var grants = new List<GrantEntity>();
        foreach (var tier in policy.Tiers.Where(t => t.AutoGrant))
        {
            grants.Add(NewGrant(user.Id, tier, null, "auto", now));
        }

        db.Grants.AddRange(grants);
        await db.SaveChangesAsync(cancellationToken);

        await audit.AppendAsync(new AuditEvent("user.create", actor, $"user:{user.Id}", "ok", new Dictionary<string, string>
        {
            ["identity"] = Name(identity),
            ["auto_grants"] = string.Join(',', grants.Select(g => g.Tier)),
        }), cancellationToken);
        return ToView(user, grants.Select(g => ToView(g, normalised)).ToList());
    }

    public async Task<GrantView> AddGrantAsync(string email, string tierName, int? days, string actor, CancellationToken cancellationToken = default)
    {
        var tier = Tier(tierName);
        if (days is < 1 or > 36500)
        {
            throw new TiergateException(ErrorCodes.InvalidArgument, "--days must be between 1 and 36500.");
        }

        await using var db = database.CreateContext();
        var user = await FindUserAsync(db, email, cancellationToken);
        if (user.IdentityLevel < (int)tier.Identity)
        {
            await audit.AppendAsync(new AuditEvent("grant.create", actor, $"user:{user.Id}", "denied", new Dictionary<string, string> { ["tier"] = tier.Name, ["reason"] = ErrorCodes.GrantIdentityInsufficient.Name }), cancellationToken);
            throw new TiergateException(ErrorCodes.GrantIdentityInsufficient,
                $"Tier '{tier.Name}' requires identity level '{Name(tier.Identity)}'; {user.Email} is at '{Name((IdentityLevel)user.IdentityLevel)}'.");
        }

        var grant = NewGrant(user.Id, tier, days, actor, time.GetUtcNow());
        db.Grants.Add(grant);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent("grant.create", actor, $"user:{user.Id}", "ok", new Dictionary<string, string>
        {
            ["tier"] = tier.Name,
            ["grant"] = grant.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["expires_at"] = grant.ExpiresAt?.ToString("O") ?? "never",
        }), cancellationToken);
        return ToView(grant, user.Email);
    }

    public async Task<IReadOnlyList<GrantView>> RevokeGrantAsync(string email, string tierName, string actor, CancellationToken cancellationToken = default)
    {
        var tier = Tier(tierName);
        await using var db = database.CreateContext();
        var user = await FindUserAsync(db, email, cancellationToken);
        var now = time.GetUtcNow();
        var active = (await db.Grants.Where(g => g.UserId == user.Id && g.Tier == tier.Name && g.RevokedAt == null).ToListAsync(cancellationToken))
            .Where(g => g.ExpiresAt is null || g.ExpiresAt > now)
            .ToList();
        if (active.Count == 0)
        {
            throw new TiergateException(ErrorCodes.GrantNotFound, $"{user.Email} holds no active grant of tier '{tier.Name}'.");
        }

        foreach (var grant in active)
        {
            grant.RevokedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent("grant.revoke", actor, $"user:{user.Id}", "ok", new Dictionary<string, string> { ["tier"] = tier.Name }), cancellationToken);
        return active.Select(g => ToView(g, user.Email)).ToList();
    }

    public async Task<CreatedKey> CreateKeyAsync(string email, int? expiresDays, IReadOnlyList<string> allowedNetworks, string actor, CancellationToken cancellationToken = default)
    {
        if (expiresDays is < 1 or > 3650)
        {
            throw new TiergateException(ErrorCodes.InvalidArgument, "--expires-days must be between 1 and 3650.");
        }

        if (!Networks.TryCanonicalise(allowedNetworks, out var networks, out var bad))
        {
            throw new TiergateException(ErrorCodes.InvalidArgument, $"'{bad}' is not an IP address or CIDR block (e.g. 203.0.113.0/24).");
        }

        await using var db = database.CreateContext();
        var user = await FindUserAsync(db, email, cancellationToken);
        var (id, key) = ApiKeyFormat.Generate();
        var now = time.GetUtcNow();
        var entity = new ApiKeyEntity
        {
            Id = id,
            UserId = user.Id,
            Hash = hasher.Hash(key),
            CreatedAt = now,
            ExpiresAt = expiresDays is { } d ? now.AddDays(d) : null,
            AllowedNetworks = networks,
        };
        db.ApiKeys.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent("key.create", actor, $"key:{id}", "ok", new Dictionary<string, string>
        {
            ["user"] = $"user:{user.Id}",
            ["expires_at"] = entity.ExpiresAt?.ToString("O") ?? "never",
            ["allowed_networks"] = networks,
        }), cancellationToken);
        return new CreatedKey(id, key, ToView(entity, user.Email, now));
    }

    public async Task<KeyView> RevokeKeyAsync(string id, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var key = ApiKeyFormat.IsKeyId(id) ? await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken) : null;
        if (key is null)
        {
            throw new TiergateException(ErrorCodes.UnknownKey, $"No API key has id '{id}'.");
        }

        var now = time.GetUtcNow();
        key.RevokedAt ??= now;
        await db.SaveChangesAsync(cancellationToken);
        var email = (await db.Users.AsNoTracking().FirstAsync(u => u.Id == key.UserId, cancellationToken)).Email;
        await audit.AppendAsync(new AuditEvent("key.revoke", actor, $"key:{id}", "ok", new Dictionary<string, string> { ["user"] = $"user:{key.UserId}" }), cancellationToken);
        return ToView(key, email, now);
    }

    public async Task<IReadOnlyList<KeyView>> ListKeysAsync(string email, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var user = await FindUserAsync(db, email, cancellationToken);
        var now = time.GetUtcNow();
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.UserId == user.Id).ToListAsync(cancellationToken);

        // Reading another person's account data is an admin read of personal data: audited.
        await audit.AppendAsync(new AuditEvent("key.list", actor, $"user:{user.Id}", "ok"), cancellationToken);
        return keys.OrderBy(k => k.CreatedAt).Select(k => ToView(k, user.Email, now)).ToList();
    }

    private TierConfig Tier(string name) =>
        policy.TiersByName.TryGetValue(name, out var tier)
            ? tier
            : throw new TiergateException(ErrorCodes.UnknownTier, $"The policy has no tier '{name}' (tiers: {string.Join(", ", policy.Tiers.Select(t => t.Name))}).");

    private async Task<UserEntity> FindUserAsync(TiergateDbContext db, string email, CancellationToken cancellationToken)
    {
        var normalised = EmailAddress.Normalise(email);
        var index = EmailIndex(normalised);
        return await db.Users.FirstOrDefaultAsync(u => u.EmailIndex == index, cancellationToken)
            ?? throw new TiergateException(ErrorCodes.UnknownUser, $"No user has email '{normalised}'.");
    }

    /// <summary>Emails are stored encrypted; users are found, and kept unique, by a keyed HMAC of the address.</summary>
    private string EmailIndex(string normalisedEmail) =>
        (database.KeyRing ?? throw new InvalidOperationException("The database was not migrated: its key ring is not open."))
            .BlindIndex(normalisedEmail, TiergateDbContext.EmailPurpose);

    private static GrantEntity NewGrant(long userId, TierConfig tier, int? days, string by, DateTimeOffset now) => new()
    {
        UserId = userId,
        Tier = tier.Name,
        GrantedAt = now,
        ExpiresAt = (days ?? tier.GrantDays) is { } d ? now.AddDays(d) : null,
        GrantedBy = by,
    };

    private static string Name(IdentityLevel level) => level.ToString().ToLowerInvariant();

    private static UserView ToView(UserEntity u, IReadOnlyList<GrantView> grants) =>
        new(u.Id, u.Email, u.Name, u.Organisation, Name((IdentityLevel)u.IdentityLevel), u.CreatedAt, grants);

    private static GrantView ToView(GrantEntity g, string email) => new(g.Id, email, g.Tier, g.GrantedAt, g.ExpiresAt, g.RevokedAt, g.GrantedBy);

    private static KeyView ToView(ApiKeyEntity k, string email, DateTimeOffset now)
    {
        var state = k.RevokedAt is not null ? "revoked" : k.ExpiresAt is { } e && e <= now ? "expired" : "active";
        return new KeyView(k.Id, email, k.CreatedAt, k.ExpiresAt, k.RevokedAt, Networks.Parse(k.AllowedNetworks).Select(n => n.ToString()).ToList(), state);
    }
}
