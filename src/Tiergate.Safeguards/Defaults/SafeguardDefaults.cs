using Tiergate.Safeguards.Classification;
using Tiergate.Safeguards.Matching;
using Tiergate.Safeguards.Screening;

namespace Tiergate.Safeguards.Defaults;

/// <summary>
/// Loads the default term lists and model shipped in <c>samples/safeguards</c> (layout:
/// <c>terms/*.tsv</c>, <c>model/default.tglc</c>) and builds the default cascade: keywords escalate a
/// category at one distinct term, flag it outright at three, and the linear classifier decides the rest.
/// </summary>
public static class SafeguardDefaults
{
    public const string TermsFolder = "terms";
    public const string ModelFile = "model/default.tglc";

    /// <summary>Categories of the default lists and model.</summary>
    public static IReadOnlyList<string> Categories { get; } = ["bio", "chem", "radnuc", "cyber"];

    public static TermMatcher LoadTerms(string directory) =>
        TermMatcher.Create(TermList.LoadDirectory(Path.Combine(directory, TermsFolder)));

    public static LinearClassifier LoadModel(string directory) =>
        LinearModelFile.Load(Path.Combine(directory, ModelFile));

    public static Screener CreateScreener(
        TermMatcher matcher,
        ITextClassifier classifier,
        KeywordStageOptions? keywords = null,
        ClassifierStageOptions? classifierOptions = null)
    {
        return new Screener(
            [
                new KeywordStage(matcher, keywords ?? new KeywordStageOptions { EscalateAtDistinctTerms = 1, FlagAtDistinctTerms = 3 }),
                new ClassifierStage(classifier, classifierOptions ?? new ClassifierStageOptions { Threshold = 0.5 }),
            ],
            Categories.Concat(matcher.Categories).Concat(classifier.Labels));
    }

    /// <summary>The default cascade from a directory laid out like <c>samples/safeguards</c>.</summary>
    public static Screener CreateScreener(string directory) => CreateScreener(LoadTerms(directory), LoadModel(directory));

    /// <summary>Walks up from <paramref name="start"/> to find <c>samples/safeguards</c>; null when absent.</summary>
    public static string? FindSamplesDirectory(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "safeguards");
            if (Directory.Exists(Path.Combine(candidate, TermsFolder)))
            {
                return candidate;
            }
        }

        return null;
    }
}
