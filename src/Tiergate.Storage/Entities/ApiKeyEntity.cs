namespace Tiergate.Storage.Entities;

public sealed class ApiKeyEntity
{
    /// <summary>The public key id embedded in the key (12 base62 characters).</summary>
    public required string Id { get; set; }

    public long UserId { get; set; }

    /// <summary>HMAC-SHA256 of the whole key under the server pepper; the key itself is never stored.</summary>
    public required byte[] Hash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Space-separated CIDR blocks; empty when the key may be used from anywhere.</summary>
    public string AllowedNetworks { get; set; } = "";

    /// <summary>Space-separated tier names the key is scoped to; empty when it reaches every tier its owner holds.</summary>
    public string Tiers { get; set; } = "";
}
