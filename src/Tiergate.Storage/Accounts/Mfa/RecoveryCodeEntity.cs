namespace Tiergate.Storage.Accounts.Mfa;

/// <summary>One single-use recovery code, stored only as a keyed HMAC (the key ring's blind index).</summary>
public sealed class RecoveryCodeEntity
{
    public long Id { get; set; }

    public long UserId { get; set; }

    public required string CodeHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
