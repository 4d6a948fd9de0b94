namespace Tiergate.Console.Auth;

/// <summary>
/// Role lists for <c>[Authorize(Roles = ...)]</c> on console pages. The role claim is read from the database on
/// every request (<see cref="SessionValidation"/>), so the check is the server's, never the client's.
/// </summary>
public static class ConsoleRoles
{
    /// <summary>Who may see the review queue and decide: reviewers and admins.</summary>
    public const string Reviewers = "reviewer,admin";

    /// <summary>Who may manage users, identity checks and grants.</summary>
    public const string Admins = "admin";
}
