namespace Tiergate.Safeguards.Screening;

/// <summary>What a stage concluded for one category.</summary>
public enum StageOutcome
{
    /// <summary>Not decided here; the next stage looks at it.</summary>
    Escalate,

    /// <summary>Decided: the category applies.</summary>
    Flag,

    /// <summary>Decided: the category does not apply.</summary>
    Clear,
}
