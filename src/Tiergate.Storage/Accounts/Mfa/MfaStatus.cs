namespace Tiergate.Storage.Accounts.Mfa;

/// <summary>What a user has enrolled, for the account page. A passkey alone is an enrolled second factor.</summary>
public sealed record MfaStatus(bool TotpEnrolled, bool TotpPending, int RecoveryCodesLeft, int Passkeys = 0)
{
    public bool Enrolled => TotpEnrolled || Passkeys > 0;
}
