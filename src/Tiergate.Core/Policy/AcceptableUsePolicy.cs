namespace Tiergate.Core.Policy;

/// <summary>An acceptable use policy and the reasoning behind it.</summary>
public sealed record AcceptableUsePolicy(
    string Id,
    string Version,
    IReadOnlyList<string> Permitted,
    IReadOnlyList<string> Prohibited,
    string ThreatModel,
    string Rationale);
