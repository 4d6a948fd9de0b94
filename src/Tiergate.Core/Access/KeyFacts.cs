using System.Net;

namespace Tiergate.Core.Access;

/// <summary>What the gateway knows about the presented API key.</summary>
public sealed record KeyFacts(
    string Id,
    long UserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    IReadOnlyList<IPNetwork> AllowedNetworks)
{
    /// <summary>The tiers this key is scoped to; empty for an unscoped key, which reaches every tier its owner holds.</summary>
    public IReadOnlyList<string> Tiers { get; init; } = [];

    /// <summary>Whether this key may be used for <paramref name="tier"/> at all (before grants and practices).</summary>
    public bool Reaches(string tier)
    {
        if (Tiers.Count == 0)
        {
            return true;
        }

        foreach (var scoped in Tiers)
        {
            if (string.Equals(scoped, tier, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
