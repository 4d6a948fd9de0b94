namespace Tiergate.Storage.Responses;

/// <summary>A response as reviewers and the gateway read it.</summary>
/// <param name="Action">The policy's name: <c>notify</c>, <c>throttle</c>, <c>require-reauth</c>, <c>fallback</c>, <c>suspend-key</c>, <c>suspend-grant</c>.</param>
/// <param name="Mode"><c>automatic</c> or <c>confirm</c>.</param>
/// <param name="User">The user's email.</param>
public sealed record ResponseView(
    long Id,
    long? AlertId,
    string Detector,
    string Action,
    string Mode,
    long UserId,
    string? User,
    string? KeyId,
    string Tier,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? DecidedBy,
    string? DecidedReason);
