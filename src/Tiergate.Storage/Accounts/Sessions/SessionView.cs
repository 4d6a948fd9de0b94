namespace Tiergate.Storage.Accounts.Sessions;

/// <summary>A live session as the console shows and checks it.</summary>
public sealed record SessionView(long Id, long UserId, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset? SecondFactorAt, string UserAgent, string Address)
{
    /// <summary>The user's role now (<c>applicant</c>, <c>reviewer</c>, <c>admin</c>), read with the session on each request.</summary>
    public string Role { get; init; } = "applicant";
}
