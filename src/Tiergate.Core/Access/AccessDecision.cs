using Tiergate.Core.Errors;
using Tiergate.Core.Policy;

namespace Tiergate.Core.Access;

/// <summary>The outcome of an access check: either the tier through which access is allowed, or why not.</summary>
public sealed record AccessDecision(TierConfig? Tier, ErrorCode? Denial, string? Reason)
{
    public bool Allowed => Tier is not null;

    public static AccessDecision Allow(TierConfig tier) => new(tier, null, null);

    public static AccessDecision Deny(ErrorCode code, string reason) => new(null, code, reason);
}
