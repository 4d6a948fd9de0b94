namespace Tiergate.Safeguards.Evaluation;

/// <summary>
/// What <c>safeguards eval</c> measured: figures per form overall, per category, per language and per
/// shape (a single text or a conversation), every miss in every form, and the wobble check when asked.
/// </summary>
public sealed record EvalReport(
    string Input,
    string Tier,
    int Items,
    int Harmful,
    int Benign,
    IReadOnlyList<string> Forms,
    IReadOnlyList<EvalRow> Overall,
    IReadOnlyList<EvalRow> ByCategory,
    IReadOnlyList<EvalRow> ByLanguage,
    IReadOnlyList<EvalRow> ByShape,
    IReadOnlyList<EvalMiss> Misses)
{
    /// <summary>Set when the run included the wobble check (<c>--wobble</c>).</summary>
    public WobbleReport? Wobble { get; init; }
}
