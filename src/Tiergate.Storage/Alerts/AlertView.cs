namespace Tiergate.Storage.Alerts;

/// <summary>An alert as operators and reviewers read it.</summary>
/// <param name="User">The user's email, or null when the alert names no user.</param>
public sealed record AlertView(
    long Id,
    string Detector,
    string? User,
    string? KeyId,
    string? Tier,
    string Severity,
    string Status,
    IReadOnlyDictionary<string, string> Evidence,
    long? RelatedAlertId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? StatusBy,
    string? StatusReason);
