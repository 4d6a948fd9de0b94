namespace Tiergate.Storage.Accounts.Credentials;

/// <summary>What a one-time link is for, and how long it lives.</summary>
public static class AccountTokenPurpose
{
    public const string VerifyEmail = "verify";
    public const string ResetPassword = "reset";

    public static readonly TimeSpan VerifyLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromMinutes(30);

    public static TimeSpan Lifetime(string purpose) => purpose == ResetPassword ? ResetLifetime : VerifyLifetime;
}
