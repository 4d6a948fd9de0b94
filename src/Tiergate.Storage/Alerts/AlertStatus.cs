namespace Tiergate.Storage.Alerts;

/// <summary>An alert's life: raised open, then acknowledged, resolved or judged a false positive.</summary>
public enum AlertStatus
{
    Open = 0,
    Acknowledged = 1,
    Resolved = 2,
    FalsePositive = 3,
}

/// <summary>How much an alert matters; a tier's monitoring weights it.</summary>
public enum AlertSeverity
{
    Low = 0,
    Medium = 1,
    High = 2,
}
