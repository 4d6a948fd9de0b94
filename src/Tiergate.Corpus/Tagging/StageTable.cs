using System.Text.Json;

namespace Tiergate.Corpus.Tagging;

/// <summary>
/// A stage's rule plus its term and category names, pre-encoded for the sidecar. Built from the
/// live blocklist when tagging, or from the sidecar manifest when rebuilding without rescanning.
/// </summary>
public sealed class StageTable
{
    private readonly Dictionary<string, int> _termIds;

    public StageTable(StageRule rule, IReadOnlyList<string> terms, IReadOnlyList<string> categories, string? classifierLabel)
    {
        Rule = rule;
        Terms = terms;
        TermCategories = categories;
        EncodedName = JsonEncodedText.Encode(rule.Name);
        EncodedTerms = terms.Select(t => JsonEncodedText.Encode(t)).ToArray();
        CategoryNames = categories.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var categoryIndex = CategoryNames.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        CategoryOfTerm = categories.Select(c => categoryIndex[c]).ToArray();
        FallbackCategory = string.IsNullOrEmpty(classifierLabel) ? rule.Name : classifierLabel;
        ClassifierLabel = classifierLabel;
        _termIds = new Dictionary<string, int>(terms.Count, StringComparer.Ordinal);
        for (var i = 0; i < terms.Count; i++)
        {
            _termIds.TryAdd(terms[i], i);
        }
    }

    public StageRule Rule { get; }

    public string Name => Rule.Name;

    public IReadOnlyList<string> Terms { get; }

    public IReadOnlyList<string> TermCategories { get; }

    public string? ClassifierLabel { get; }

    internal JsonEncodedText EncodedName { get; }

    internal JsonEncodedText[] EncodedTerms { get; }

    /// <summary>Distinct categories, sorted.</summary>
    public string[] CategoryNames { get; }

    /// <summary>Index into <see cref="CategoryNames"/> per term id.</summary>
    public int[] CategoryOfTerm { get; }

    /// <summary>Category reported for a removal with no terms (a classifier-only stage).</summary>
    public string FallbackCategory { get; }

    public bool TryGetTermId(string term, out int id) => _termIds.TryGetValue(term, out id);

    public static StageTable From(FilterStage stage)
    {
        var scanner = stage.Blocklist;
        var terms = new string[scanner?.TermCount ?? 0];
        var categories = new string[terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = scanner!.GetTerm(i);
            var category = scanner.GetCategory(i);
            categories[i] = string.IsNullOrEmpty(category) ? stage.Name : category;
        }

        return new StageTable(stage.Rule, terms, categories, stage.Classifier?.Label);
    }
}
