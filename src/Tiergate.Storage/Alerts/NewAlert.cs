namespace Tiergate.Storage.Alerts;

/// <summary>What a detector raises.</summary>
/// <param name="Evidence">What was seen, the thresholds and the times, as flat key → value text (never prompt text for privacy-restricted tiers).</param>
public sealed record NewAlert(string Detector, long? UserId, string? KeyId, string? Tier, AlertSeverity Severity, IReadOnlyDictionary<string, string> Evidence)
{
    /// <summary>An <c>aggregate</c>-privacy tier's alert: it names no user until unmasked.</summary>
    public bool Masked { get; init; }
}
