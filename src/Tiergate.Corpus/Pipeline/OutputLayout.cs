using Tiergate.Corpus.Formats;
using Tiergate.Corpus.Sharding;

namespace Tiergate.Corpus.Pipeline;

/// <summary>Where every output of a run lives under the output directory.</summary>
public sealed class OutputLayout
{
    public OutputLayout(string root) => Root = Path.GetFullPath(root);

    public string Root { get; }

    public string Kept => Path.Combine(Root, "kept");

    public string Removed => Path.Combine(Root, "removed");

    public string Invalid => Path.Combine(Root, "invalid");

    public string Sidecar => Path.Combine(Root, "sidecar");

    public string Done => Path.Combine(Root, "done");

    public string Ranks => Path.Combine(Root, "ranks");

    public string Partial => Path.Combine(Root, ".partial");

    public string Manifest => Path.Combine(Root, "manifest.json");

    public string ReportJson => Path.Combine(Root, "report.json");

    public string ReportHtml => Path.Combine(Root, "report.html");

    public string DoneMarker(Shard shard) => Path.Combine(Done, shard.Name + ".json");

    public string SidecarFile(Shard shard) => Path.Combine(Sidecar, shard.Name + ".tags.jsonl.zst");

    public string RankReport(int rank, int worldSize) => Path.Combine(Ranks, $"rank-{rank:D5}-of-{worldSize:D5}.json");

    public string DocumentFile(string kindDirectory, Shard shard, CompressionKind compression) =>
        Path.Combine(kindDirectory, shard.Name + InputKind.Extension(shard.Kind.Format, shard.Kind.Format == CorpusFormat.Parquet ? CompressionKind.None : compression));

    public void CreateDirectories()
    {
        foreach (var dir in new[] { Root, Kept, Removed, Invalid, Sidecar, Done, Ranks, Partial })
        {
            Directory.CreateDirectory(dir);
        }
    }
}
