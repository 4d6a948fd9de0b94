using Tiergate.Safeguards.Classification;
using Tiergate.Safeguards.Decoding;
using Tiergate.Safeguards.Matching;
using Tiergate.Safeguards.Rules;
using Tiergate.Safeguards.Screening;

namespace Tiergate.Safeguards.Defaults;

/// <summary>
/// Loads the default term lists, intent lists and model shipped in <c>samples/safeguards</c> (layout:
/// <c>terms/*.tsv</c>, <c>intents/*.tsv</c>, <c>model/default.tglc</c>) and builds the default cascade
/// (docs/safeguards.md, "The default cascade"): intent × topic rules flag a category on one undefended
/// match; keywords escalate a category at one distinct term and flag it at three; the linear classifier
/// decides the rest.
/// </summary>
public static class SafeguardDefaults
{
    public const string TermsFolder = "terms";
    public const string IntentsFolder = "intents";
    public const string ModelFile = "model/default.tglc";

    /// <summary>Categories of the default lists and model.</summary>
    public static IReadOnlyList<string> Categories { get; } = ["bio", "chem", "radnuc", "cyber"];

    /// <summary>The keyword stage's default rule (the gateway's and the bench's).</summary>
    public static KeywordStageOptions KeywordOptions { get; } = new() { EscalateAtDistinctTerms = 1, EscalateAtWeight = 1, FlagAtTermWeight = 4 };

    /// <summary>The classifier's default threshold: chosen on the development part of the evaluation set (docs/safeguards.md).</summary>
    public static ClassifierStageOptions ClassifierOptions { get; } = new() { Threshold = 0.9 };

    /// <summary>The input cascade's classifier: its threshold chosen on the development part, each sentence scored on its own (docs/safeguards.md).</summary>
    public static ClassifierStageOptions InputClassifierOptions { get; } = new() { Threshold = 0.9, ScoreSentences = true };

    /// <summary>The rules' default window and flag weight (docs/safeguards.md).</summary>
    public static IntentRuleOptions RuleOptions { get; } = new();

    public static TermMatcher LoadTerms(string directory) =>
        TermMatcher.Create(TermList.LoadDirectory(Path.Combine(directory, TermsFolder)));

    /// <summary>The topic terms (<c>terms/</c>) with the intent and context cues (<c>intents/</c>); null when the folder has no intent lists.</summary>
    public static IntentRuleSet? LoadRules(string directory)
    {
        var intents = Path.Combine(directory, IntentsFolder);
        if (!Directory.Exists(intents) || Directory.GetFiles(intents, "*.tsv").Length == 0)
        {
            return null;
        }

        return new IntentRuleSet(TermList.LoadDirectory(Path.Combine(directory, TermsFolder)), TermList.LoadDirectory(intents));
    }

    public static LinearClassifier LoadModel(string directory) =>
        LinearModelFile.Load(Path.Combine(directory, ModelFile));

    public static Screener CreateScreener(
        TermMatcher matcher,
        ITextClassifier classifier,
        KeywordStageOptions? keywords = null,
        ClassifierStageOptions? classifierOptions = null,
        IntentRuleSet? rules = null,
        IntentRuleOptions? ruleOptions = null)
    {
        var stages = new List<IScreeningStage>();
        if (rules is not null)
        {
            stages.Add(new IntentRuleStage(rules, ruleOptions ?? RuleOptions));
        }

        stages.Add(new KeywordStage(matcher, keywords ?? KeywordOptions));
        stages.Add(new ClassifierStage(classifier, classifierOptions ?? ClassifierOptions));
        return new Screener(stages, Categories.Concat(matcher.Categories).Concat(classifier.Labels));
    }

    /// <summary>The default cascade from a directory laid out like <c>samples/safeguards</c>.</summary>
    public static Screener CreateScreener(string directory) =>
        CreateScreener(LoadTerms(directory), LoadModel(directory), rules: LoadRules(directory));

    /// <summary>
    /// The default input cascade: decoded readings first (each through rules, keywords and classifier), then
    /// rules, keywords and classifier on the text as written; conversations judged whole and by their last turn.
    /// Answers keep <see cref="CreateScreener(string)"/>, which a stream can follow piece by piece.
    /// </summary>
    public static ConversationScreener CreateDefaultInputScreener(string directory, DecodingOptions? decoding = null, ClassifierStageOptions? classifier = null, bool rules = true)
    {
        var terms = LoadTerms(directory);
        var model = LoadModel(directory);
        var ruleSet = rules ? LoadRules(directory) : null;
        var inner = CreateScreener(terms, model, classifierOptions: classifier ?? InputClassifierOptions, rules: ruleSet);
        // Misspellings are corrected towards hazard names only: correcting towards everyday intent words would turn harmless words into cues.
        var topics = terms.Terms.Select(t => t.Text).ToList();
        var decoder = new DecodingStage(inner, new VariantGenerator(decoding, new FuzzyTermIndex(topics), topics));
        return new ConversationScreener(new Screener([decoder, .. inner.Stages], inner.Categories));
    }

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
