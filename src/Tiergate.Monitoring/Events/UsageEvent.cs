namespace Tiergate.Monitoring.Events;

/// <summary>
/// Something monitoring should know about one request: who (key, user), where (tier, variant), what
/// (a safeguard block or flag, with its category and score). Never prompt or answer text; matched
/// terms only where the tier's privacy mode is <c>full</c>.
/// </summary>
public sealed record UsageEvent(
    DateTimeOffset At,
    string Kind,
    string KeyId,
    long UserId,
    string Tier,
    string Variant,
    string? Direction = null,
    string? Category = null,
    double? Score = null,
    IReadOnlyList<string>? MatchedTerms = null);
