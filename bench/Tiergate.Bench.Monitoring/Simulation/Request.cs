namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>One simulated chat request; <see cref="EventWriter"/> turns it into its event lines.</summary>
internal sealed class Request
{
    /// <summary>Arrival, UTC ticks.</summary>
    public long At { get; set; }

    public required User User { get; init; }

    public required string Key { get; init; }

    public required string Variant { get; init; }

    public required Endpoint From { get; init; }

    public required string UserAgent { get; init; }

    public PromptSpec Prompt { get; init; }

    public Screening Screening { get; init; }

    /// <summary>0 bio, 1 chem, 2 radnuc, 3 cyber (when screened).</summary>
    public int Category { get; init; }

    public double Score { get; init; }

    public int PromptTokens { get; init; }

    public int CompletionTokens { get; init; }

    /// <summary>The completion budget the gateway reserves at admission (max_tokens or the tier's maximum).</summary>
    public int Budget { get; init; }

    public int LatencyMs { get; init; }

    /// <summary>The planted scenario this request belongs to (<c>detector:id</c>), or null for benign use.</summary>
    public string? Scenario { get; init; }

    public static readonly string[] Categories = ["bio", "chem", "radnuc", "cyber"];
}
