using Tiergate.Corpus.Formats;
using Tiergate.Corpus.Json;
using Tiergate.Corpus.Sharding;
using Tiergate.Corpus.Tagging;

namespace Tiergate.Corpus.Pipeline;

/// <summary>Everything one rank needs to filter its shards. Immutable; validated by whoever builds it.</summary>
public sealed record FilterJob
{
    public required IReadOnlyList<string> Inputs { get; init; }

    public required string OutputDirectory { get; init; }

    /// <summary>Scanners and classifiers; null when rebuilding from a sidecar.</summary>
    public Cascade? Cascade { get; init; }

    /// <summary>Decision rules and term tables (from the cascade, or from the sidecar manifest).</summary>
    public required IReadOnlyList<StageTable> Stages { get; init; }

    public required IReadOnlyList<StageProvenance> Provenance { get; init; }

    public required JsonFieldPath TextField { get; init; }

    public JsonFieldPath? IdField { get; init; }

    public CompressionKind OutputCompression { get; init; } = CompressionKind.Zstd;

    public int ZstdLevel { get; init; } = 3;

    public int Threads { get; init; } = Environment.ProcessorCount;

    public int BatchBytes { get; init; } = 4 << 20;

    public long SplitBytes { get; init; } = 1L << 30;

    /// <summary>Longer JSONL lines are reported (<c>line-too-long</c>) and skipped without being loaded.</summary>
    public long MaxLineBytes { get; init; } = LineBatchReader.DefaultMaxLineBytes;

    public RankSelection Rank { get; init; } = new(0, 1, "default");

    /// <summary>False for scan-and-tag: write the sidecar and report only, no kept/removed shards.</summary>
    public bool WriteDocuments { get; init; } = true;

    /// <summary>When set, evidence comes from this earlier run's sidecar instead of scanning.</summary>
    public string? SidecarSource { get; init; }
}
