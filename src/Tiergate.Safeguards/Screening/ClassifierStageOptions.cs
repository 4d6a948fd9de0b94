namespace Tiergate.Safeguards.Screening;

/// <summary>Thresholds of <see cref="ClassifierStage"/>.</summary>
public sealed record ClassifierStageOptions
{
    /// <summary>Probability at or above which a category is flagged.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Per-category thresholds overriding <see cref="Threshold"/>.</summary>
    public IReadOnlyDictionary<string, double> CategoryThresholds { get; init; } = new Dictionary<string, double>();

    /// <summary>When true the stage only judges categories an earlier stage escalated; otherwise every open category.</summary>
    public bool OnlyEscalated { get; init; } = true;

    public double ThresholdFor(string category) => CategoryThresholds.TryGetValue(category, out var t) ? t : Threshold;
}
