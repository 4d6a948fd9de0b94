namespace Tiergate.Bench.Monitoring.Scoring;

/// <summary>One alert of <c>tiergate monitor replay --json</c>, as much of it as scoring needs.</summary>
internal sealed record Alert(string Detector, int? User, string? Key, DateTime At, string? Tier = null);
