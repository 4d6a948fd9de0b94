namespace Tiergate.Safeguards.Screening;

/// <summary>The verdict for every category the screener knows, in the screener's category order.</summary>
public sealed record ScreeningResult(IReadOnlyList<CategoryVerdict> Verdicts)
{
    public bool AnyFlagged => Verdicts.Any(v => v.Flagged);

    public IEnumerable<CategoryVerdict> Flagged => Verdicts.Where(v => v.Flagged);

    /// <summary>The verdict of <paramref name="category"/>, or null when the screener does not know it.</summary>
    public CategoryVerdict? For(string category) => Verdicts.FirstOrDefault(v => v.Category == category);
}
