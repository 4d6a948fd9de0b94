namespace Tiergate.Monitoring.Detectors;

/// <summary>How much a detection matters (the alert's severity); enhanced tiers raise it one step.</summary>
public enum DetectionSeverity
{
    Low = 0,
    Medium = 1,
    High = 2,
}
