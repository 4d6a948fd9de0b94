namespace Tiergate.Safeguards.Screening;

/// <summary>One stage's finding for one category: its score in [0, 1], outcome, and a short reason (no source text).</summary>
public sealed record StageEvidence(string Stage, string Category, double Score, StageOutcome Outcome, string Detail);
