namespace Tiergate.Safeguards.Screening;

/// <summary>Escalation rules of <see cref="KeywordStage"/>, applied per category.</summary>
public sealed record KeywordStageOptions
{
    /// <summary>At least this many distinct terms of a category: escalate to the next stage.</summary>
    public int EscalateAtDistinctTerms { get; init; } = 1;

    /// <summary>And at least this summed weight of distinct terms to escalate (generic low-weight topics alone do not wake the classifier).</summary>
    public double EscalateAtWeight { get; init; }

    /// <summary>At least this many distinct terms: flag right here (score 1) without asking later stages.</summary>
    public int FlagAtDistinctTerms { get; init; } = int.MaxValue;

    /// <summary>Sum of distinct term weights at which the category is flagged right here.</summary>
    public double FlagAtWeight { get; init; } = double.PositiveInfinity;

    /// <summary>One matched term weighing this much flags its category here on its own (a list author's "decisive" term).</summary>
    public double FlagAtTermWeight { get; init; } = double.PositiveInfinity;

    /// <summary>When true, categories below the escalation rule are cleared (later stages skip them: the cheap path).</summary>
    public bool ClearBelowEscalation { get; init; } = true;
}
