namespace Tiergate.Corpus.Tagging;

/// <summary>Where a stage's blocklist and model came from, with SHA-256 hashes for the report.</summary>
public sealed record StageProvenance(
    string? BlocklistPath,
    string? BlocklistSha256,
    int BlocklistTerms,
    string? ModelPath,
    string? ModelSha256);
