using Tiergate.Corpus.Formats;
using Tiergate.Corpus.Reporting;
using Tiergate.Corpus.Sharding;
using Tiergate.Corpus.Tagging;

namespace Tiergate.Corpus.Pipeline;

/// <summary>
/// Runs one rank of a filter (or rebuild) job: plans shards, skips those with a done marker,
/// filters the rest, and writes the rank report (and, for a single rank, report.json/html).
/// </summary>
public sealed class FilterRunner(TimeProvider time)
{
    public async Task<FilterReport> RunAsync(FilterJob job, IProgress<FilterProgress>? progress, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var startTicks = time.GetTimestamp();
        var layout = new OutputLayout(job.OutputDirectory);
        layout.CreateDirectories();
        var errors = new List<string>();
        var files = ShardPlanner.ExpandInputs(job.Inputs, errors);
        if (errors.Count > 0)
        {
            throw new FilterConfigurationException(FilterErrorCodes.InvalidInput, errors);
        }

        var manifest = new RunManifest(files, job.TextField.Text, job.IdField?.Text, job.SplitBytes, job.BatchBytes, StageInfos(job, includeTerms: true)) { MaxLineBytes = job.MaxLineBytes };
        AtomicFile.WriteAllBytes(layout.Manifest, ReportJson.Serialize(manifest), layout.Partial);

        var plan = ShardPlanner.Plan(files, job.SplitBytes);
        var mine = ShardPlanner.ForRank(plan, job.Rank.Rank, job.Rank.WorldSize);
        if (job.SidecarSource is not null)
        {
            var source = new OutputLayout(job.SidecarSource);
            var untagged = mine.Where(s => !File.Exists(source.DoneMarker(s))).Select(s => $"{s.Name}: not tagged in {source.Root} (no done marker)").ToList();
            if (untagged.Count > 0)
            {
                throw new FilterConfigurationException(FilterErrorCodes.ShardsNotTagged, untagged);
            }
        }

        var total = mine.Sum(s => s.Size);
        var done = 0L;
        var processed = 0L;
        var shardsDone = 0;
        var resumed = 0;
        var totals = new ShardStats();
        foreach (var stage in job.Stages)
        {
            totals.StageFor(stage.Name);
        }

        var workers = Enumerable.Range(0, Math.Max(1, job.Threads)).Select(_ => new WorkerState(job)).ToArray();
        try
        {
            var jsonl = new JsonlShardProcessor(job, layout, workers);
            var parquet = new ParquetShardProcessor(job, layout);
            foreach (var shard in mine)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ShardStats stats;
                if (File.Exists(layout.DoneMarker(shard)))
                {
                    stats = ReportJson.Read<ShardDone>(layout.DoneMarker(shard)).Stats;
                    resumed++;
                    done += shard.Size;
                }
                else
                {
                    var shardDone = done;
                    void Report(long diskBytes, long uncompressedBytes)
                    {
                        shardDone += diskBytes;
                        processed += uncompressedBytes;
                        progress?.Report(new FilterProgress(Math.Min(shardDone, total), total, shardsDone, mine.Count, processed));
                    }

                    stats = shard.Kind.Format == CorpusFormat.Parquet
                        ? await parquet.ProcessAsync(shard, cancellationToken)
                        : await jsonl.ProcessAsync(shard, Report, cancellationToken);
                    done += shard.Size;
                }

                totals.Merge(stats);
                shardsDone++;
                progress?.Report(new FilterProgress(done, total, shardsDone, mine.Count, processed));
            }
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }

        var finished = time.GetUtcNow();
        var rank = new RankInfo(job.Rank.Rank, job.Rank.WorldSize, job.Rank.Source, mine.Count, resumed, time.GetElapsedTime(startTicks).TotalSeconds, started, finished);
        var report = new FilterReport(layout.Root, files, StageInfos(job, includeTerms: false), [rank], plan.Count, totals);
        AtomicFile.WriteAllBytes(layout.RankReport(job.Rank.Rank, job.Rank.WorldSize), ReportJson.Serialize(report), layout.Partial);
        if (job.Rank.WorldSize == 1)
        {
            ReportWriter.Write(layout, report);
        }

        return report;
    }

    public static IReadOnlyList<StageInfo> StageInfos(FilterJob job, bool includeTerms) =>
        job.Stages.Select((s, i) =>
        {
            var p = i < job.Provenance.Count ? job.Provenance[i] : null;
            return new StageInfo(
                s.Name, s.Rule.HasBlocklist, s.Rule.MinTerms, s.Rule.HasClassifier, s.Rule.Threshold, s.ClassifierLabel,
                p?.BlocklistPath, p?.BlocklistSha256, p?.ModelPath, p?.ModelSha256,
                includeTerms ? s.Terms : null, includeTerms ? s.TermCategories : null);
        }).ToList();
}
