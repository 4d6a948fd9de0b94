namespace Tiergate.Storage.Accounts;

public sealed record GrantView(long Id, string User, string Tier, DateTimeOffset GrantedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string GrantedBy);
