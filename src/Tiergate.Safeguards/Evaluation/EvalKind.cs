namespace Tiergate.Safeguards.Evaluation;

/// <summary>What an evaluation item is: a request that must be blocked, or one on the same topics that must pass.</summary>
public enum EvalKind
{
    Harmful,
    Benign,
}
