namespace Tiergate.Corpus.Tagging;

/// <summary>
/// The decision rule of one cascade stage. A document escalates when it matches at least
/// <see cref="MinTerms"/> distinct blocklist terms (every document escalates when the stage has
/// no blocklist). An escalated document is removed outright when the stage has no classifier,
/// otherwise when the classifier's score reaches <see cref="Threshold"/>.
/// </summary>
public sealed record StageRule(string Name, bool HasBlocklist, int MinTerms, bool HasClassifier, double Threshold)
{
    public bool Escalates(int distinctTerms) => !HasBlocklist || distinctTerms >= MinTerms;

    public bool Removes(int distinctTerms, float? score) =>
        Escalates(distinctTerms) && (!HasClassifier || (score is { } s && s >= Threshold));
}
