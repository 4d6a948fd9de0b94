namespace Tiergate.Console.Auth;

/// <summary>The console's authentication schemes and claims (docs/console.md).</summary>
public static class ConsoleAuth
{
    /// <summary>The signed-in scheme: a cookie naming a server-side session (<see cref="SessionValidation"/>).</summary>
    public const string Scheme = "tiergate.console";

    /// <summary>Between a correct password and the second factor: a short-lived cookie naming only the user.</summary>
    public const string PendingScheme = "tiergate.console.mfa";

    public const string SessionCookie = "tiergate_session";
    public const string PendingCookie = "tiergate_mfa";

    /// <summary>The session handle (random, 256 bits); the database holds only its hash.</summary>
    public const string SessionClaim = "tiergate:session";

    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(5);
}
