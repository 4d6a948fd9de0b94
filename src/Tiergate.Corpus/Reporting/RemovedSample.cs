namespace Tiergate.Corpus.Reporting;

/// <summary>
/// A removed document kept for human review. Samples are chosen by the lowest
/// <see cref="SampleKey"/> (a hash of file and offset), so the sample is the same however the
/// work was split, and merging rank reports keeps the same documents a single run would.
/// </summary>
public sealed record RemovedSample(
    ulong SampleKey,
    string File,
    long Offset,
    string? Id,
    string Stage,
    string Category,
    IReadOnlyList<string> Terms,
    float? Score,
    string Snippet);
