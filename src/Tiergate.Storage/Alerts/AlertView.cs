namespace Tiergate.Storage.Alerts;

/// <summary>An alert as operators and reviewers read it.</summary>
/// <param name="User">The user's email, or null when the alert names no user or is masked.</param>
/// <param name="KeyId">The key's id, or null when none or masked.</param>
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
    string? StatusReason)
{
    /// <summary>An <c>aggregate</c>-privacy alert not (yet) unmasked: <see cref="User"/> and <see cref="KeyId"/> are withheld.</summary>
    public bool Masked { get; init; }

    /// <summary>Who unmasked the alert, when and why; null while masked or for an alert that never was.</summary>
    public string? UnmaskedBy { get; init; }

    public DateTimeOffset? UnmaskedAt { get; init; }

    public string? UnmaskedReason { get; init; }
}
