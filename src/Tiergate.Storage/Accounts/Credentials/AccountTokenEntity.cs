namespace Tiergate.Storage.Accounts.Credentials;

/// <summary>A one-time link's token (email verification, password reset), stored only as its SHA-256.</summary>
public sealed class AccountTokenEntity
{
    public long Id { get; set; }

    public long UserId { get; set; }

    /// <summary><see cref="AccountTokenPurpose"/> as text.</summary>
    public required string Purpose { get; set; }

    /// <summary>Hex SHA-256 of the token (256 random bits, so an unsalted hash is enough).</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
