namespace Tiergate.Core.Access;

/// <summary>One grant of a tier to the user, as stored.</summary>
public sealed record GrantFacts(string Tier, DateTimeOffset GrantedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt)
{
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);
}
