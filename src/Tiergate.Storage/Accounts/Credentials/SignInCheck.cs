namespace Tiergate.Storage.Accounts.Credentials;

/// <summary>
/// The result of checking an email and password. <see cref="UserId"/> is set only when the password
/// matched; callers answer every other case with one message, so nothing tells whether the email is registered.
/// </summary>
public sealed record SignInCheck(long? UserId, bool EmailVerified, bool MfaEnrolled)
{
    public static SignInCheck Failed { get; } = new(null, false, false);

    public bool PasswordMatched => UserId is not null;
}
