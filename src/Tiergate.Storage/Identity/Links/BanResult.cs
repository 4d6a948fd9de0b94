namespace Tiergate.Storage.Identity.Links;

/// <summary>What a ban did, in counts (no identifier values).</summary>
public sealed record BanResult(long UserId, string Email, DateTimeOffset At, int GrantsRevoked, int KeysRevoked, int SessionsEnded, int IdentifiersBanned);
