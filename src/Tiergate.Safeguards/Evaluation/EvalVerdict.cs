namespace Tiergate.Safeguards.Evaluation;

/// <summary>What a tier's screening did with one item: only <see cref="Blocked"/> counts as caught.</summary>
public enum EvalVerdict
{
    Passed,
    Flagged,
    Blocked,
}
