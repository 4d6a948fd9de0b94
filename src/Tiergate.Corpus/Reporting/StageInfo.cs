namespace Tiergate.Corpus.Reporting;

/// <summary>A stage as recorded in the manifest and report: its rule, terms (for rebuilding) and provenance.</summary>
public sealed record StageInfo(
    string Name,
    bool HasBlocklist,
    int MinTerms,
    bool HasClassifier,
    double Threshold,
    string? ClassifierLabel,
    string? BlocklistPath,
    string? BlocklistSha256,
    string? ModelPath,
    string? ModelSha256,
    IReadOnlyList<string>? Terms,
    IReadOnlyList<string>? Categories);
