namespace Tiergate.Server.Screening;

/// <summary>A hazard category the screener found, at or above the profile's threshold.</summary>
public sealed record CategoryHit(string Category, double Score, string Stage, IReadOnlyList<string> Terms);
