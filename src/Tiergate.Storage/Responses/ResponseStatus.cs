namespace Tiergate.Storage.Responses;

/// <summary>A response's statuses as the table, the CLI, JSON and audit records spell them (a public contract).</summary>
public static class ResponseStatus
{
    /// <summary>Waits for a reviewer's confirmation (mode <c>confirm</c>); not enforced.</summary>
    public const string Pending = "pending";

    /// <summary>In force: the gateway enforces it from the next request.</summary>
    public const string Active = "active";

    /// <summary>A reviewer took it back.</summary>
    public const string Reversed = "reversed";

    /// <summary>A reviewer refused to confirm it.</summary>
    public const string Declined = "declined";

    /// <summary>Finished by itself: the reviewers were mailed (notify), or the user signed in with a second factor (require-reauth).</summary>
    public const string Done = "done";

    public static readonly IReadOnlyList<string> All = [Pending, Active, Reversed, Declined, Done];
}
