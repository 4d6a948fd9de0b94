using System.Text;
using Tiergate.Corpus.Pipeline;
using Tiergate.Testing.Corpus;

namespace Tiergate.Corpus.Tests;

public sealed class FilterProgressTests
{
    /// <summary>Records every report on the reporting thread, in order (Progress&lt;T&gt; would post them out of order).</summary>
    private sealed class Recorder : IProgress<FilterProgress>
    {
        public List<FilterProgress> Reports { get; } = [];

        public void Report(FilterProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }
        }
    }

    [Fact]
    public async Task RunAsync_ZstdShards_ProgressFollowsFilteredBytesNotReadAhead()
    {
        using var corpus = new TestCorpus();
        var content = TestCorpus.Documents(6000);
        var inputs = new[] { corpus.WriteZstd("a.jsonl.zst", content), corpus.WriteZstd("b.jsonl.zst", content), corpus.WriteZstd("c.jsonl.zst", content) };
        var shardSize = new FileInfo(inputs[0]).Length;
        var job = FilterJobFactory.Create(new FilterRequest { Inputs = inputs, Output = corpus.Output, Blocklist = corpus.Blocklist, Threads = 2 }, _ => null) with { BatchBytes = 64 * 1024 };
        var recorder = new Recorder();

        await new FilterRunner(TimeProvider.System).RunAsync(job, recorder, CancellationToken.None);

        var reports = recorder.Reports;
        Assert.True(reports.Count > 3 * 4, $"only {reports.Count} reports");
        var uncompressed = 3L * Encoding.UTF8.GetByteCount(content);
        Assert.Equal(3 * shardSize, reports[^1].BytesTotal);
        Assert.Equal(reports[^1].BytesTotal, reports[^1].BytesDone);
        Assert.Equal(uncompressed, reports[^1].ProcessedBytes);
        for (var i = 0; i < reports.Count; i++)
        {
            var p = reports[i];
            // Never ahead of the shards actually finished by more than the one being filtered.
            Assert.InRange(p.BytesDone, p.ShardsDone * shardSize, Math.Min((p.ShardsDone + 1) * shardSize, p.BytesTotal));
            if (i > 0)
            {
                Assert.True(p.BytesDone >= reports[i - 1].BytesDone && p.ProcessedBytes >= reports[i - 1].ProcessedBytes, $"report {i} went back");
            }
        }

        // Uncompressed bytes filtered grow batch by batch within the first shard, not all at once.
        var firstShard = reports.Where(r => r.ShardsDone == 0).Select(r => r.ProcessedBytes).Distinct().ToList();
        Assert.True(firstShard.Count > 4, $"first shard reported {firstShard.Count} distinct amounts");
        Assert.True(firstShard[^1] <= uncompressed / 3);
    }

    [Fact]
    public void Describe_ProcessedBytesAndElapsed_GivesShardsMegabytesAndRate()
    {
        var text = FilterProgressText.Describe(new FilterProgress(10, 40, 1, 4, 250_000_000), TimeSpan.FromSeconds(2));

        Assert.Equal("filter 1/4 shards, 250 MB filtered, 125 MB/s", text);
    }
}
