namespace Tiergate.Storage.Responses;

/// <summary>An active response as the gateway enforces it: no personal column.</summary>
public sealed record ActiveResponse(long Id, string Action, long UserId, string? KeyId, string Tier, DateTimeOffset CreatedAt);
