namespace Tiergate.Storage.Accounts.Mfa;

/// <summary>How a second-factor code was checked.</summary>
public enum SecondFactorResult
{
    /// <summary>Wrong, malformed, or already used: one answer for all, so a reused code tells nothing more.</summary>
    Refused,
    Totp,
    RecoveryCode,
}
