using System.Globalization;

namespace Tiergate.Corpus.Pipeline;

/// <summary>The progress line's words: shards done, uncompressed bytes filtered and their rate so far.</summary>
public static class FilterProgressText
{
    public static string Describe(FilterProgress progress, TimeSpan elapsed)
    {
        var megabytes = progress.ProcessedBytes / 1e6;
        var rate = elapsed.TotalSeconds > 0.05 ? megabytes / elapsed.TotalSeconds : 0;
        return string.Create(CultureInfo.InvariantCulture, $"filter {progress.ShardsDone}/{progress.ShardsTotal} shards, {megabytes:F0} MB filtered, {rate:F0} MB/s");
    }
}
