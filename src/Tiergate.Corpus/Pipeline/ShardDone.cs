using Tiergate.Corpus.Reporting;

namespace Tiergate.Corpus.Pipeline;

/// <summary>The done marker of a shard, written last and atomically; it carries the shard's stats so a resumed run need not re-read it.</summary>
public sealed record ShardDone(string Shard, string File, long Start, long End, IReadOnlyList<string> Outputs, ShardStats Stats);
