using Tiergate.Core.Errors;
using Tiergate.Core.Identity;
using Tiergate.Core.Policy;

namespace Tiergate.Core.Access;

/// <summary>
/// Decides, with no I/O, whether a caller may use a variant and through which tier. Fails closed:
/// anything not positively allowed is denied with the most specific reason.
/// </summary>
public static class AccessEvaluator
{
    /// <summary>Checks the key and its owner alone: revoked, expired, disabled, or calling from outside the allowlist.</summary>
    public static AccessDecision? CheckKey(CallerContext caller, DateTimeOffset now)
    {
        var key = caller.Key;
        if (key.RevokedAt is not null)
        {
            return AccessDecision.Deny(ErrorCodes.KeyRevoked, "This API key was revoked.");
        }

        if (key.ExpiresAt is { } expires && now >= expires)
        {
            return AccessDecision.Deny(ErrorCodes.KeyExpired, "This API key has expired.");
        }

        if (caller.User.Disabled)
        {
            return AccessDecision.Deny(ErrorCodes.AccountDisabled, "The account that owns this key is disabled.");
        }

        if (key.AllowedNetworks.Count > 0 &&
            (caller.ClientAddress is not { } ip || !key.AllowedNetworks.Any(n => n.Contains(Normalise(ip)))))
        {
            return AccessDecision.Deny(ErrorCodes.IpNotAllowed, "This API key may not be used from this address.");
        }

        return null;
    }

    /// <summary>The tiers the caller holds right now and whose practices the caller meets, in policy order.</summary>
    public static IReadOnlyList<TierConfig> ActiveTiers(PolicyDocument policy, CallerContext caller, DateTimeOffset now) =>
        HeldTiers(policy, caller, now).Where(t => UnmetRequirement(t, caller, now) is null).ToList();

    /// <summary>Decides whether the caller may use <paramref name="variant"/>, optionally through a named tier.</summary>
    public static AccessDecision Decide(PolicyDocument policy, CallerContext caller, string variant, DateTimeOffset now, string? requestedTier = null)
    {
        if (CheckKey(caller, now) is { } keyDenial)
        {
            return keyDenial;
        }

        if (!policy.VariantsByName.ContainsKey(variant))
        {
            return AccessDecision.Deny(ErrorCodes.ModelNotFound, $"The model '{variant}' does not exist.");
        }

        // Policy order decides between tiers; loops rather than LINQ, as this runs on every request.
        AccessDecision? firstUnmet = null;
        var anyCandidate = false;
        foreach (var tier in policy.Tiers)
        {
            if ((requestedTier is not null && tier.Name != requestedTier) || !caller.Key.Reaches(tier.Name) || !Holds(caller, tier.Name, now) || !tier.Variants.Contains(variant, StringComparer.Ordinal))
            {
                continue;
            }

            anyCandidate = true;
            var unmet = UnmetRequirement(tier, caller, now);
            if (unmet is null)
            {
                return AccessDecision.Allow(tier);
            }

            firstUnmet ??= unmet;
        }

        if (!anyCandidate)
        {
            return requestedTier is null
                ? AccessDecision.Deny(ErrorCodes.ModelNotAllowed, $"None of your tiers gives access to '{variant}'.")
                : AccessDecision.Deny(ErrorCodes.TierNotHeld, $"You do not hold the tier '{requestedTier}' with access to '{variant}'.");
        }

        return firstUnmet!;
    }

    /// <summary>
    /// Decides which tier screens a call that reaches no variant (<c>/v1/moderations</c>): the named tier, or the
    /// first tier in policy order the caller holds and whose requirements it meets. Denials are those of
    /// <see cref="Decide"/>: the first unmet requirement, or <c>tier_not_held</c> when no tier (or not the named
    /// one) is held.
    /// </summary>
    public static AccessDecision DecideTier(PolicyDocument policy, CallerContext caller, DateTimeOffset now, string? requestedTier = null)
    {
        if (CheckKey(caller, now) is { } keyDenial)
        {
            return keyDenial;
        }

        AccessDecision? firstUnmet = null;
        foreach (var tier in policy.Tiers)
        {
            if ((requestedTier is not null && tier.Name != requestedTier) || !caller.Key.Reaches(tier.Name) || !Holds(caller, tier.Name, now))
            {
                continue;
            }

            if (UnmetRequirement(tier, caller, now) is not { } unmet)
            {
                return AccessDecision.Allow(tier);
            }

            firstUnmet ??= unmet;
        }

        return firstUnmet ?? AccessDecision.Deny(ErrorCodes.TierNotHeld, requestedTier is null ? "You hold no tier." : $"You do not hold the tier '{requestedTier}'.");
    }

    private static bool Holds(CallerContext caller, string tier, DateTimeOffset now)
    {
        foreach (var grant in caller.Grants)
        {
            if (grant.Tier == tier && grant.IsActiveAt(now))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<TierConfig> HeldTiers(PolicyDocument policy, CallerContext caller, DateTimeOffset now) =>
        policy.Tiers.Where(t => caller.Key.Reaches(t.Name) && Holds(caller, t.Name, now));

    /// <summary>The first of the tier's requirements (identity, then practices) the caller's key and owner do not meet; null when all are met. Also checked when a key is created.</summary>
    public static AccessDecision? UnmetRequirement(TierConfig tier, CallerContext caller, DateTimeOffset now)
    {
        if (IdentityRequirement.Unmet(tier, caller.User.Standing, now) is var (code, message))
        {
            return AccessDecision.Deny(code, message);
        }

        var practices = tier.Security;
        if (practices.Mfa && !caller.User.MfaEnrolled)
        {
            return AccessDecision.Deny(ErrorCodes.MfaRequired, $"The tier '{tier.Name}' requires multi-factor authentication.");
        }

        if (practices.IpAllowlist && !StrictNetwork.Restricts(caller.Key.AllowedNetworks))
        {
            return AccessDecision.Deny(ErrorCodes.IpAllowlistRequired, $"The tier '{tier.Name}' requires a key restricted to an IP allowlist.");
        }

        if (practices.MaxKeyDays is { } days &&
            (caller.Key.ExpiresAt is not { } expires || expires - caller.Key.CreatedAt > TimeSpan.FromDays(days)))
        {
            return AccessDecision.Deny(ErrorCodes.KeyLifetimeTooLong, $"The tier '{tier.Name}' requires keys that expire within {days} days.");
        }

        return null;
    }

    private static System.Net.IPAddress Normalise(System.Net.IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
}
