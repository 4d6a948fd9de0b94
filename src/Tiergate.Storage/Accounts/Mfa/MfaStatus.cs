namespace Tiergate.Storage.Accounts.Mfa;

/// <summary>What a user has enrolled, for the account page.</summary>
public sealed record MfaStatus(bool TotpEnrolled, bool TotpPending, int RecoveryCodesLeft)
{
    public bool Enrolled => TotpEnrolled;
}
