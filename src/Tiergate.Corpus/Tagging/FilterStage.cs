namespace Tiergate.Corpus.Tagging;

/// <summary>One cascade stage: its rule, the scanner and classifier that produce its evidence, and their provenance.</summary>
public sealed record FilterStage(StageRule Rule, ITermScanner? Blocklist, IDocumentScorer? Classifier, StageProvenance Provenance)
{
    public string Name => Rule.Name;

    public static FilterStage Create(string name, ITermScanner? blocklist, int minTerms, IDocumentScorer? classifier, double threshold, StageProvenance provenance) =>
        new(new StageRule(name, blocklist is not null, minTerms, classifier is not null, threshold), blocklist, classifier, provenance);
}
