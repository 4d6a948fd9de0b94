namespace Tiergate.Storage.Accounts.Sessions;

/// <summary>A live session as the console shows and checks it.</summary>
public sealed record SessionView(long Id, long UserId, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset? SecondFactorAt, string UserAgent, string Address);
