namespace Tiergate.Bench.Monitoring.Scoring;

/// <summary>A false alert, listed so thresholds can be tuned against it.</summary>
internal sealed record FalseAlertSample(string Detector, int? User, string? Key, DateTime At);
