namespace Tiergate.Corpus.Tagging;

/// <summary>
/// One stage of the cascade. A document escalates when it matches at least <see cref="MinTerms"/>
/// distinct blocklist terms (every document escalates when there is no blocklist). An escalated
/// document is removed outright when the stage has no classifier, otherwise when the classifier's
/// score reaches <see cref="Threshold"/>.
/// </summary>
public sealed record FilterStage(
    string Name,
    ITermScanner? Blocklist,
    int MinTerms,
    IDocumentScorer? Classifier,
    double Threshold,
    StageProvenance Provenance)
{
    public bool Escalates(int distinctTerms) => Blocklist is null || distinctTerms >= MinTerms;

    public bool Removes(int distinctTerms, float? score) =>
        Escalates(distinctTerms) && (Classifier is null || (score is { } s && s >= Threshold));
}
