namespace Tiergate.Storage.Accounts.Credentials;

/// <summary>A user's console sign-in: the password hash and whether the email was proved. One row per user at most.</summary>
public sealed class ConsoleCredentialEntity
{
    public long UserId { get; set; }

    /// <summary>An Argon2id hash in <see cref="PasswordHasher"/>'s encoded form; never the password.</summary>
    public required string PasswordHash { get; set; }

    public DateTimeOffset PasswordChangedAt { get; set; }

    /// <summary>When the user followed a verification link; null until then (sign-in is refused until then).</summary>
    public DateTimeOffset? EmailVerifiedAt { get; set; }
}
