using System.Text;
using Tiergate.Safeguards.Screening;

namespace Tiergate.Corpus.Tagging;

/// <summary>
/// A spec stage that runs the safeguards engine's newer stages (decoded readings, intent x topic rules) with
/// keywords and classifier over a document: 1 when the cascade flags the stage's category (any category when
/// none is named), else 0. Thread-safe (the screener keeps per-thread state).
/// </summary>
public sealed class SafeguardsScreenerScorer : IDocumentScorer
{
    private readonly Screener _screener;

    public SafeguardsScreenerScorer(Screener screener, string? category)
    {
        _screener = screener ?? throw new ArgumentNullException(nameof(screener));
        if (category is not null && !screener.Categories.Contains(category))
        {
            throw new ArgumentException($"the safeguards cascade has no category '{category}' (categories: {string.Join(", ", screener.Categories)})", nameof(category));
        }

        Label = category ?? "any";
        Category = category;
    }

    public string Label { get; }

    /// <summary>The category scored, or null for any.</summary>
    public string? Category { get; }

    public float Score(ReadOnlySpan<byte> utf8Text)
    {
        var result = _screener.Screen(Encoding.UTF8.GetString(utf8Text));
        return Category is null ? (result.AnyFlagged ? 1f : 0f) : (result.For(Category)?.Flagged == true ? 1f : 0f);
    }
}
