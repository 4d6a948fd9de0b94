namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>One planted scenario: which detector should catch it, on whom, and when its lines were sent (UTC).</summary>
internal sealed record Label(string Id, string Detector, string Kind, int User, string Key, string Tier, DateTime Start, DateTime End, string Note);
