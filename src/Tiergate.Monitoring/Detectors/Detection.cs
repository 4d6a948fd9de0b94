namespace Tiergate.Monitoring.Detectors;

/// <summary>
/// What a detector saw: the alert to raise. Evidence is flat text (what was seen, the thresholds, the times) and
/// never holds prompt or answer text. <see cref="Masked"/>: the tier's privacy is <c>aggregate</c>.
/// </summary>
public sealed record Detection(string Detector, long? UserId, string? KeyId, string? Tier, DetectionSeverity Severity, DateTimeOffset At, IReadOnlyDictionary<string, string> Evidence)
{
    public bool Masked { get; init; }
}
