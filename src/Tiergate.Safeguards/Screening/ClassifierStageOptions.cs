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

    /// <summary>
    /// Score each sentence of the text on its own and keep, per label, the highest probability (the whole text
    /// when it is one sentence). A linear model averages over what it reads (its sum is scaled by
    /// 1/sqrt(features)), so harmless sentences added around a request pull a whole-text score down, and many
    /// repeated ones can push it up; a sentence's own score does not move. Whole texts only: a
    /// stream (<see cref="ScreeningSession"/>) with this on is screened whole at each verdict.
    /// </summary>
    public bool ScoreSentences { get; init; }

    /// <summary>At most this many sentences are scored on their own (bounded work on hostile text).</summary>
    public int MaxSentences { get; init; } = 64;

    public double ThresholdFor(string category) => CategoryThresholds.TryGetValue(category, out var t) ? t : Threshold;
}
