namespace Tiergate.Corpus.Reporting;

/// <summary>
/// <c>manifest.json</c>: what a tagging run did, enough to rebuild its outputs from the sidecar
/// with other thresholds (<c>filter rebuild</c>) without the blocklist or model.
/// </summary>
public sealed record RunManifest(
    IReadOnlyList<string> Inputs,
    string TextField,
    string? IdField,
    long SplitBytes,
    int BatchBytes,
    IReadOnlyList<StageInfo> Stages)
{
    /// <summary>The run's <c>--max-line-bytes</c>; a rebuild must cut lines the same way to stay in step with the sidecar (absent in older manifests: the default).</summary>
    public long MaxLineBytes { get; init; } = Formats.LineBatchReader.DefaultMaxLineBytes;
}
