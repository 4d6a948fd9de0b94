using Tiergate.Corpus.Formats;
using Tiergate.Corpus.Json;
using Tiergate.Corpus.Reporting;
using Tiergate.Corpus.Tagging;
using Tiergate.Safeguards.Matching;

namespace Tiergate.Corpus.Pipeline;

/// <summary>
/// Runs a made-up three-line batch through the document path (decompress, split, parse, scan, route,
/// compress), the manifest and the end-of-run reports once, on a background thread, while the job is being built.
/// Loading a 5,000-term blocklist keeps one core busy for ~0.2 s with the other idle; compiling the
/// same code later costs both the workers' first batches and the single-threaded report writing
/// (~0.1 s of a 5.5 s rewrite). Nothing it makes is kept; any failure is left to the real run.
/// </summary>
public static class JitWarmup
{
    private static int _started;

    /// <summary>Starts <see cref="Run"/> once per process on a thread-pool thread.</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _ = Task.Run(() =>
            {
                try
                {
                    Run();
                }
#pragma warning disable CA1031 // a warm-up that fails only leaves the compiling to the real run
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            });
        }
    }

    /// <summary>The warm-up itself, synchronously; returns the made-up batch's counts (for tests: it must still run through).</summary>
    public static ShardStats Run()
    {
        var job = MadeUpJob();
        ReportJson.Serialize(new RunManifest(["warm-up"], "text", "id", job.SplitBytes, job.BatchBytes, FilterRunner.StageInfos(job, includeTerms: true)));
        var stats = RunBatch(job);
        var report = new FilterReport("warm-up", ["warm-up"], FilterRunner.StageInfos(job, includeTerms: false), [new RankInfo(0, 1, "warm-up", 1, 0, 0, default, default)], 1, stats);
        ReportJson.Serialize(new ShardDone("warm-up", "warm-up", 0, 0, ["warm-up"], stats));
        ReportJson.Serialize(report);
        HtmlReport.Render(report);
        return stats;
    }

    private static FilterJob MadeUpJob()
    {
        var scanner = new SafeguardsTermScanner(TermMatcher.Create([new Term("warm up", "warm-up"), new Term("jit", "warm-up")]));
        var stage = FilterStage.Create("warm-up", scanner, 1, null, 0, new StageProvenance(null, null, 2, null, null));
        if (!JsonFieldPath.TryParse("text", out var text, out _) || !JsonFieldPath.TryParse("id", out var id, out _))
        {
            throw new InvalidOperationException("warm-up field paths");
        }

        return new FilterJob
        {
            Inputs = [],
            OutputDirectory = "",
            Cascade = new Cascade([stage]),
            Stages = [StageTable.From(stage)],
            Provenance = [stage.Provenance],
            TextField = text,
            IdField = id,
        };
    }

    private static ShardStats RunBatch(FilterJob job)
    {
        var lines = "{\"id\":\"a\",\"text\":\"a warm up for the jit\"}\n{\"id\":\"b\",\"text\":\"nothing here\"}\n{\"text\":\"cut"u8.ToArray();
        using var encoder = new FrameEncoder(CompressionKind.Zstd, job.ZstdLevel);
        var compressed = encoder.Encode(lines);
        using var input = CorpusStreams.OpenZstd(new MemoryStream(compressed.Span.ToArray()));
        compressed.Return();

        using var worker = new WorkerState(job);
        var accumulator = new StatsAccumulator(job.Stages, "warm-up");
        worker.Router.Stats = accumulator;
        var reader = new LineBatchReader(input, 0, long.MaxValue, job.BatchBytes);
        while (reader.Next() is { } batch)
        {
            using (batch)
            {
                BatchProcessor.Process(new WorkItem(batch, null), worker, job.Stages).Return();
            }
        }

        return accumulator.ToStats();
    }
}
