namespace Tiergate.Storage.Accounts.Mfa;

/// <summary>A user's TOTP authenticator (at most one). Pending until confirmed with a code.</summary>
public sealed class TotpFactorEntity
{
    public long UserId { get; set; }

    /// <summary>The shared secret; encrypted at rest with the key ring (purpose <see cref="MfaModel.TotpSecretPurpose"/>).</summary>
    public required byte[] Secret { get; set; }

    /// <summary>The time step of the last code accepted: a code is accepted only for a later step, so each works once.</summary>
    public long LastUsedStep { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Null while enrolment waits for the first code.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }
}
