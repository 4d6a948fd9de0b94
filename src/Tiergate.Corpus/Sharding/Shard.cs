using Tiergate.Corpus.Formats;

namespace Tiergate.Corpus.Sharding;

/// <summary>
/// A unit of work: a whole input file, or the byte range [Start, End) of a large uncompressed
/// JSONL file. <see cref="Name"/> is unique within a run and names every output of the shard.
/// </summary>
public sealed record Shard(int Index, string Name, string Path, string DisplayPath, InputKind Kind, long Start, long End, long Size)
{
    public bool IsRange => Start > 0 || End != long.MaxValue;
}
