using Tiergate.Core.Errors;
using Tiergate.Core.Policy;

namespace Tiergate.Core.Identity;

/// <summary>
/// Whether an account's identity meets a tier's: its level now (<c>identity</c>) and, where the tier sets
/// <c>identity_max_age_days</c>, a verification newer than that. One rule for the gateway, grants and applications.
/// </summary>
public static class IdentityRequirement
{
    /// <summary>Null when met; otherwise the error code and a message that names the tier and what is missing.</summary>
    public static (ErrorCode Code, string Message)? Unmet(TierConfig tier, IdentityStanding standing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tier);
        ArgumentNullException.ThrowIfNull(standing);
        var level = standing.LevelAt(now);
        if (level < tier.Identity)
        {
            return (ErrorCodes.IdentityInsufficient, $"The tier '{tier.Name}' requires identity level '{Name(tier.Identity)}'; the account is at '{Name(level)}'.");
        }

        if (tier.IdentityMaxAgeDays is { } days && tier.Identity > IdentityLevel.Email
            && (standing.VerifiedAt is not { } at || now - at > TimeSpan.FromDays(days)))
        {
            return (ErrorCodes.IdentityVerificationStale, $"The tier '{tier.Name}' requires an identity verification from the last {days} days; verify again.");
        }

        return null;
    }

    public static string Name(IdentityLevel level) => level.ToString().ToLowerInvariant();
}
