namespace Tiergate.Safeguards.Evaluation;

/// <summary>
/// Figures of one group of items (all of them, one category, one language, …) in one form. Recall is the
/// share of harmful items blocked; the false-positive rate the share of benign items blocked. Both are
/// null when the group has no item of that kind.
/// </summary>
public sealed record EvalRow(string Form, string Group, int Harmful, int HarmfulBlocked, int HarmfulFlagged, int Benign, int BenignBlocked)
{
    public double? Recall => Harmful == 0 ? null : Math.Round((double)HarmfulBlocked / Harmful, 4);

    public double? FalsePositiveRate => Benign == 0 ? null : Math.Round((double)BenignBlocked / Benign, 4);
}
