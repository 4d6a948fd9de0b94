namespace Tiergate.Core.Monitoring;

/// <summary>One tunable threshold of a detector: its default, the range a policy may set, and what it means.</summary>
public sealed record DetectorParameter(string Name, double Default, double Min, double Max, string Meaning);
