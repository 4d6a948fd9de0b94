using System.Net;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Access;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Storage.Identity;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Accounts.Keys;

/// <summary>
/// Checks, before a key is created, the requirements of every tier it will be able to reach, with the same
/// rule the gateway applies on each request (<see cref="AccessEvaluator.UnmetRequirement"/>), so a key is never
/// issued that its owner's elevated tiers would refuse.
/// </summary>
internal static class KeyPractices
{
    public static async Task CheckAsync(
        TiergateDbContext db, PolicyDocument policy, UserEntity user, IReadOnlyList<string> scope, DateTimeOffset now,
        DateTimeOffset? expiresAt, string networks, IAuditLog audit, string actor, CancellationToken cancellationToken)
    {
        var held = (await db.Grants.AsNoTracking().Where(g => g.UserId == user.Id && g.RevokedAt == null).ToListAsync(cancellationToken))
            .Where(g => g.ExpiresAt is null || g.ExpiresAt > now)
            .Select(g => g.Tier)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var tier in scope)
        {
            if (!held.Contains(tier))
            {
                await DenyAsync(VettingErrors.KeyTierNotHeld, $"{user.Email} does not hold tier '{tier}', so a key cannot be scoped to it.", tier);
            }
        }

        var facts = new KeyFacts("", user.Id, now, expiresAt, null, Networks.Parse(networks)) { Tiers = scope };
        var caller = new CallerContext(facts, new UserFacts(user.Id, (IdentityLevel)user.IdentityLevel, user.MfaEnrolled, user.DisabledAt is not null) { Standing = IdentityVerifications.StandingOf(user) }, [], IPAddress.None);
        foreach (var tier in policy.Tiers.Where(t => held.Contains(t.Name) && facts.Reaches(t.Name)))
        {
            if (AccessEvaluator.UnmetRequirement(tier, caller, now) is { Denial: { } code, Reason: { } reason })
            {
                var hint = scope.Count == 0 ? " Scope the key to other tiers with --tier, or meet the practice." : "";
                await DenyAsync(code, reason + hint, tier.Name);
            }
        }

        async Task DenyAsync(ErrorCode code, string message, string tier)
        {
            await audit.AppendAsync(new AuditEvent("key.create", actor, $"user:{user.Id}", "denied", new Dictionary<string, string> { ["tier"] = tier, ["reason"] = code.Name }), cancellationToken);
            throw new TiergateException(code, message);
        }
    }
}
