namespace Tiergate.Storage.Accounts.Credentials;

/// <summary>
/// What registration did. The console answers both outcomes with the same page; only the mail differs
/// (a verification link to a new account, a notice to the owner of an existing one).
/// </summary>
/// <param name="VerificationToken">The one-time token for the new account's verification link; null when the address was already registered.</param>
public sealed record RegistrationResult(string NormalisedEmail, long? NewUserId, string? VerificationToken)
{
    public bool Created => NewUserId is not null;
}
