namespace Tiergate.Storage.Accounts.Mfa;

/// <summary>
/// One passkey (WebAuthn credential) of a user: the authenticator's public key, never a secret. A user may hold
/// several; any one counts as an enrolled second factor (<see cref="Entities.UserEntity.MfaEnrolled"/>).
/// </summary>
public sealed class WebAuthnCredentialEntity
{
    public long Id { get; set; }

    public long UserId { get; set; }

    /// <summary>The authenticator's credential id (raw bytes; pages see it as base64url). Unique.</summary>
    public required byte[] CredentialId { get; set; }

    /// <summary>The COSE public key the assertions are verified with.</summary>
    public required byte[] PublicKey { get; set; }

    /// <summary>The last signature counter seen; an assertion whose counter does not rise above it is refused (a cloned authenticator).</summary>
    public long SignCount { get; set; }

    /// <summary>The transports the browser reported (<c>internal,hybrid</c>), comma-separated; a hint for later ceremonies.</summary>
    public string Transports { get; set; } = "";

    /// <summary>The authenticator model's AAGUID (all zeros when the authenticator does not say).</summary>
    public Guid AaGuid { get; set; }

    /// <summary>The owner's name for it (<c>Laptop</c>), shown on the account page.</summary>
    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
