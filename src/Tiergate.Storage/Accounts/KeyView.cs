namespace Tiergate.Storage.Accounts;

/// <summary>A key as listed: never its secret, which exists only in <see cref="CreatedKey"/>.</summary>
public sealed record KeyView(string Id, string User, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, IReadOnlyList<string> AllowedNetworks, string State);
