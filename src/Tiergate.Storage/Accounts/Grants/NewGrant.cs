using Tiergate.Core.Policy;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Accounts.Grants;

/// <summary>A grant as first written: by an administrator, or automatically (<c>auto</c>) when a user is added.</summary>
internal static class NewGrant
{
    public static GrantEntity For(long userId, TierConfig tier, int? days, string grantedBy, DateTimeOffset now) => new()
    {
        UserId = userId,
        Tier = tier.Name,
        GrantedAt = now,
        ExpiresAt = (days ?? tier.GrantDays) is { } d ? now.AddDays(d) : null,
        GrantedBy = grantedBy,
    };
}
