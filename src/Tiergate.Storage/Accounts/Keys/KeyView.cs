using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Accounts.Keys;

/// <summary>A key as listed: never its secret, which exists only in <see cref="CreatedKey"/>.</summary>
public sealed record KeyView(string Id, string User, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, IReadOnlyList<string> AllowedNetworks, string State, IReadOnlyList<string> Tiers)
{
    internal static KeyView From(ApiKeyEntity k, string email, DateTimeOffset now)
    {
        var state = k.RevokedAt is not null ? "revoked" : k.ExpiresAt is { } e && e <= now ? "expired" : "active";
        return new KeyView(k.Id, email, k.CreatedAt, k.ExpiresAt, k.RevokedAt, Networks.Parse(k.AllowedNetworks).Select(n => n.ToString()).ToList(), state, KeyTiers.Parse(k.Tiers));
    }
}
