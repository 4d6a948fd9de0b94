using System.Globalization;
using Tiergate.Safeguards.Screening;

namespace Tiergate.Safeguards.Decoding;

/// <summary>
/// Screens the text's decoded readings (base64, hex, URL-encoding, HTML entities, rot13, reversed, words
/// broken by hyphens or line breaks, misspelt listed terms) with an inner cascade and flags each category a
/// reading is flagged for, naming the reading in the evidence. It never clears: what it does not flag, the
/// next stages judge on the text as written. Thread-safe.
/// </summary>
public sealed class DecodingStage : IScreeningStage
{
    public DecodingStage(Screener inner, VariantGenerator variants, string name = "decoded")
    {
        Inner = inner ?? throw new ArgumentNullException(nameof(inner));
        Variants = variants ?? throw new ArgumentNullException(nameof(variants));
        Name = name;
    }

    public string Name { get; }

    /// <summary>The cascade each reading goes through (rules, keywords, classifier; no decoding of its own).</summary>
    public Screener Inner { get; }

    public VariantGenerator Variants { get; }

    public IReadOnlyList<string> Categories => Inner.Categories;

    public void Evaluate(ScreeningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Inner.Categories.Any(context.IsOpen))
        {
            return;
        }

        foreach (var variant in Variants.Variants(context.Text))
        {
            var result = Inner.Screen(variant.Text);
            foreach (var verdict in result.Verdicts)
            {
                if (verdict.Flagged && context.IsOpen(verdict.Category))
                {
                    context.Record(Name, verdict.Category, verdict.Score, StageOutcome.Flag, string.Create(CultureInfo.InvariantCulture, $"{variant.Form}: {verdict.Stage} {verdict.Score:0.###}"));
                }
            }
        }
    }
}
