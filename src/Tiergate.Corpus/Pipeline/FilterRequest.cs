using Tiergate.Corpus.Formats;

namespace Tiergate.Corpus.Pipeline;

/// <summary>The options of <c>tiergate filter</c> (and <c>filter rebuild</c>) before validation.</summary>
public sealed record FilterRequest
{
    public IReadOnlyList<string> Inputs { get; init; } = [];

    public required string Output { get; init; }

    public string? Blocklist { get; init; }

    public int? MinTerms { get; init; }

    public string? Classifier { get; init; }

    public string? Label { get; init; }

    public double? Threshold { get; init; }

    public string? TextField { get; init; }

    public string? IdField { get; init; }

    public string? Spec { get; init; }

    public int? Rank { get; init; }

    public int? WorldSize { get; init; }

    public int? Threads { get; init; }

    public CompressionKind Compression { get; init; } = CompressionKind.Zstd;

    public int ZstdLevel { get; init; } = 3;

    public long SplitBytes { get; init; } = 1L << 30;

    /// <summary><c>--max-line-bytes</c>; a rebuild takes the tagged run's value instead.</summary>
    public long MaxLineBytes { get; init; } = LineBatchReader.DefaultMaxLineBytes;

    public bool TagOnly { get; init; }

    /// <summary>For <c>filter rebuild</c>: the output directory of the tagging run whose sidecar to reuse.</summary>
    public string? FromSidecar { get; init; }
}
