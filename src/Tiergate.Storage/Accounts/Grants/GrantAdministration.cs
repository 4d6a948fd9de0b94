using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Storage.Identity;

namespace Tiergate.Storage.Accounts.Grants;

/// <summary>Grant administration on the Tiergate database.</summary>
public sealed class GrantAdministration(TiergateDatabase database, PolicyDocument policy, IAuditLog audit, TimeProvider time) : IGrantAdministration
{
    private readonly AccountDirectory _directory = new(database);

    public async Task<GrantView> AddAsync(string email, string tier, int? days, string actor, CancellationToken cancellationToken = default)
    {
        var config = Tier(tier);
        if (days is < 1 or > 36500)
        {
            throw new TiergateException(ErrorCodes.InvalidArgument, "--days must be between 1 and 36500.");
        }

        await using var db = database.CreateContext();
        var user = await _directory.FindUserAsync(db, email, cancellationToken);
        var standing = IdentityVerifications.StandingOf(user);
        if (standing.LevelAt(time.GetUtcNow()) < config.Identity)
        {
            await audit.AppendAsync(new AuditEvent("grant.create", actor, $"user:{user.Id}", "denied", new Dictionary<string, string> { ["tier"] = config.Name, ["reason"] = GrantErrors.GrantIdentityInsufficient.Name }), cancellationToken);
            throw new TiergateException(GrantErrors.GrantIdentityInsufficient,
                $"Tier '{config.Name}' requires identity level '{AccountDirectory.IdentityName(config.Identity)}'; {user.Email} is at '{AccountDirectory.IdentityName(standing.LevelAt(time.GetUtcNow()))}'.");
        }

        var grant = NewGrant.For(user.Id, config, days, actor, time.GetUtcNow());
        db.Grants.Add(grant);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent("grant.create", actor, $"user:{user.Id}", "ok", new Dictionary<string, string>
        {
            ["tier"] = config.Name,
            ["grant"] = grant.Id.ToString(CultureInfo.InvariantCulture),
            ["expires_at"] = grant.ExpiresAt?.ToString("O") ?? "never",
            ["via"] = "override",
        }), cancellationToken);
        return GrantView.From(grant, user.Email);
    }

    public async Task<IReadOnlyList<GrantView>> RevokeAsync(string email, string tier, string actor, CancellationToken cancellationToken = default)
    {
        var config = Tier(tier);
        await using var db = database.CreateContext();
        var user = await _directory.FindUserAsync(db, email, cancellationToken);
        var now = time.GetUtcNow();
        var active = (await db.Grants.Where(g => g.UserId == user.Id && g.Tier == config.Name && g.RevokedAt == null).ToListAsync(cancellationToken))
            .Where(g => g.ExpiresAt is null || g.ExpiresAt > now)
            .ToList();
        if (active.Count == 0)
        {
            throw new TiergateException(GrantErrors.GrantNotFound, $"{user.Email} holds no active grant of tier '{config.Name}'.");
        }

        foreach (var grant in active)
        {
            grant.RevokedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent("grant.revoke", actor, $"user:{user.Id}", "ok", new Dictionary<string, string> { ["tier"] = config.Name }), cancellationToken);
        return active.Select(g => GrantView.From(g, user.Email)).ToList();
    }

    private TierConfig Tier(string name) =>
        policy.TiersByName.TryGetValue(name, out var tier)
            ? tier
            : throw new TiergateException(GrantErrors.UnknownTier, $"The policy has no tier '{name}' (tiers: {string.Join(", ", policy.Tiers.Select(t => t.Name))}).");

    public async Task<IReadOnlyList<GrantView>> ListAsync(string? email, int limit, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var query = db.Grants.AsNoTracking();
        long? userId = null;
        if (!string.IsNullOrWhiteSpace(email))
        {
            userId = (await _directory.FindUserAsync(db, email, cancellationToken)).Id;
            query = query.Where(g => g.UserId == userId);
        }

        var grants = await query.OrderByDescending(g => g.Id).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(cancellationToken);
        var ids = grants.Select(g => g.UserId).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        await audit.AppendAsync(new AuditEvent("grant.list", actor, userId is { } id ? $"user:{id}" : null, "ok", new Dictionary<string, string>
        {
            ["count"] = grants.Count.ToString(CultureInfo.InvariantCulture),
        }), cancellationToken);
        return grants.Select(g => GrantView.From(g, emails.GetValueOrDefault(g.UserId, $"user:{g.UserId}"))).ToList();
    }

    public async Task<GrantView> RevokeByIdAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var now = time.GetUtcNow();
        var grant = await db.Grants.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (grant is null || grant.RevokedAt is not null || grant.ExpiresAt <= now)
        {
            await audit.AppendAsync(new AuditEvent("grant.revoke", actor, grant is null ? null : $"user:{grant.UserId}", "denied", new Dictionary<string, string>
            {
                ["grant"] = id.ToString(CultureInfo.InvariantCulture),
                ["reason"] = GrantErrors.GrantNotFound.Name,
            }), cancellationToken);
            throw new TiergateException(GrantErrors.GrantNotFound, grant is null ? $"No grant has id {id}." : $"Grant {id} is no longer active (revoked or expired).");
        }

        grant.RevokedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent("grant.revoke", actor, $"user:{grant.UserId}", "ok", new Dictionary<string, string>
        {
            ["tier"] = grant.Tier,
            ["grant"] = id.ToString(CultureInfo.InvariantCulture),
        }), cancellationToken);
        var email = await db.Users.AsNoTracking().Where(u => u.Id == grant.UserId).Select(u => u.Email).FirstAsync(cancellationToken);
        return GrantView.From(grant, email);
    }
}
