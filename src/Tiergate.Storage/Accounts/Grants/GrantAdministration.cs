using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;

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
        if (user.IdentityLevel < (int)config.Identity)
        {
            await audit.AppendAsync(new AuditEvent("grant.create", actor, $"user:{user.Id}", "denied", new Dictionary<string, string> { ["tier"] = config.Name, ["reason"] = GrantErrors.GrantIdentityInsufficient.Name }), cancellationToken);
            throw new TiergateException(GrantErrors.GrantIdentityInsufficient,
                $"Tier '{config.Name}' requires identity level '{AccountDirectory.IdentityName(config.Identity)}'; {user.Email} is at '{AccountDirectory.IdentityName((IdentityLevel)user.IdentityLevel)}'.");
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
}
