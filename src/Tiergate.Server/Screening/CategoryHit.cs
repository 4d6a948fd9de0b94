namespace Tiergate.Server.Screening;

/// <summary>A hazard category the screener found, at or above the profile's threshold.</summary>
public sealed record CategoryHit(string Category, double Score, string Stage, IReadOnlyList<string> Terms)
{
    /// <summary>The guard model's verdict in short (<c>llama_guard: unsafe S9</c>) when a guard judged the text; never the text.</summary>
    public string? Guard { get; init; }
}
