namespace Tiergate.Storage.Accounts.Mfa;

/// <summary>A passkey as its owner sees it on the account page.</summary>
public sealed record PasskeyView(long Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, string Transports);
