using System.Collections.Concurrent;
using System.Threading.Channels;
using Tiergate.Corpus.Formats;
using Tiergate.Corpus.Reporting;
using Tiergate.Corpus.Sharding;
using Tiergate.Corpus.Sidecar;

namespace Tiergate.Corpus.Pipeline;

/// <summary>
/// Filters one JSONL shard with a three-stage pipeline: one reader thread (decompress, split into
/// line batches) → one worker per core (parse, tag, route, compress) → one ordered writer that
/// appends each batch's frames in input order. Output bytes depend only on the input, never on
/// thread timing.
/// </summary>
internal sealed class JsonlShardProcessor(FilterJob job, OutputLayout layout, WorkerState[] workers)
{
    /// <param name="progress">Called by the ordered writer after each batch is written: (on-disk input bytes behind it, its uncompressed bytes).</param>
    public async Task<ShardStats> ProcessAsync(Shard shard, Action<long, long> progress, CancellationToken cancellationToken)
    {
        var accumulators = workers.Select(_ => new StatsAccumulator(job.Stages, shard.DisplayPath)).ToArray();
        using var outputs = new ShardOutputs(layout, shard, job.OutputCompression, job.WriteDocuments);
        var input = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(workers.Length * 2) { SingleWriter = true });
        var done = Channel.CreateUnbounded<BatchOutput>(new UnboundedChannelOptions { SingleReader = true });
        using var failure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ct = failure.Token;
        string? openError = null;
        var bytesIn = 0L;
        var budget = new InFlightBudget(InFlightBudget.BytesFor(workers.Length, job.BatchBytes));
        var charges = new ConcurrentQueue<int>(); // batch buffer sizes, in sequence order: what the writer gives back to the budget
        var diskEnds = new ConcurrentQueue<long>(); // per batch, in sequence order: input bytes on disk read up to its end

        var reader = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    openError = Read(shard, input.Writer, budget, charges, diskEnds, ct);
                }
                catch
                {
                    failure.Cancel();
                    throw;
                }
                finally
                {
                    input.Writer.TryComplete();
                }
            },
            ct,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var tagging = workers.Select((worker, w) => Task.Run(
            async () =>
            {
                worker.Router.Stats = accumulators[w];
                await foreach (var item in input.Reader.ReadAllAsync(ct))
                {
                    try
                    {
                        await done.Writer.WriteAsync(BatchProcessor.Process(item, worker, job.Stages), ct);
                    }
                    catch
                    {
                        failure.Cancel();
                        throw;
                    }
                    finally
                    {
                        item.Batch.Dispose();
                    }
                }
            },
            ct)).ToArray();

        var writer = Task.Run(
            async () =>
            {
                var pending = new SortedDictionary<long, BatchOutput>();
                var next = 0L;
                var diskReported = 0L;
                try
                {
                    await foreach (var output in done.Reader.ReadAllAsync(ct))
                    {
                        pending[output.Sequence] = output;
                        while (pending.Remove(next, out var ready))
                        {
                            outputs.Write(ready);
                            bytesIn += ready.BytesIn;
                            ready.Return();
                            budget.Release(charges.TryDequeue(out var charge) ? charge : 0);
                            if (diskEnds.TryDequeue(out var diskEnd) && diskEnd > diskReported)
                            {
                                progress(diskEnd - diskReported, ready.BytesIn);
                                diskReported = diskEnd;
                            }
                            else
                            {
                                progress(0, ready.BytesIn);
                            }

                            next++;
                        }
                    }
                }
                catch
                {
                    failure.Cancel();
                    throw;
                }

                if (pending.Count > 0)
                {
                    throw new InvalidOperationException($"batch {next} never arrived");
                }
            },
            ct);

        try
        {
            await reader;
            await Task.WhenAll(tagging);
        }
        finally
        {
            done.Writer.TryComplete();
        }

        await writer;
        var stats = new ShardStats();
        foreach (var acc in accumulators)
        {
            stats.Merge(acc.ToStats());
        }

        if (openError is not null)
        {
            stats.AddUnreadableFile(shard.DisplayPath, openError);
        }

        stats.BytesIn = bytesIn;
        RebaseLines(shard, stats);
        stats.Files[shard.DisplayPath] = new FileStats
        {
            Documents = stats.DocumentsIn,
            Kept = stats.Kept,
            Removed = stats.Removed,
            Invalid = stats.Invalid,
            Bytes = bytesIn,
        };
        var committed = outputs.Commit();
        WriteDoneMarker(shard, committed, stats);
        return stats;
    }

    private string? Read(Shard shard, ChannelWriter<WorkItem> channel, InFlightBudget budget, ConcurrentQueue<int> charges, ConcurrentQueue<long> diskEnds, CancellationToken cancellationToken)
    {
        Stream stream;
        FileStream file;
        LineBatchReader lines;
        try
        {
            InputFileCheck.EnsureRegularFile(shard.Path);
            stream = CorpusStreams.OpenRead(shard.Path, shard.Kind.Compression, out file);
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            return ex.Message;
        }

        using (stream)
        {
            try
            {
                lines = new LineBatchReader(stream, shard.Start, shard.End, job.BatchBytes, job.MaxLineBytes);
            }
            catch (Exception ex) when (IsUnreadable(ex))
            {
                return ex.Message;
            }

            using var sidecar = job.SidecarSource is null ? null : new SidecarLineReader(new OutputLayout(job.SidecarSource).SidecarFile(shard));
            var compressed = shard.Kind.Compression != CompressionKind.None;
            while (lines.Next() is { } batch)
            {
                List<byte[]>? records = null;
                if (sidecar is not null)
                {
                    records = [];
                    sidecar.ReadLines(batch.LineCount, records);
                }

                // Blocks while the batches between here and the writer hold the budget: bounded memory, back-pressure on decompression.
                budget.Acquire(batch.Buffer.Length, cancellationToken);
                charges.Enqueue(batch.Buffer.Length);
                channel.WriteAsync(new WorkItem(batch, records), cancellationToken).AsTask().GetAwaiter().GetResult();
                // On disk: a compressed file's read position (a little ahead of the batch: the decoder's buffers), else the bytes cut.
                diskEnds.Enqueue(compressed ? Math.Min(file.Position, shard.Size) : Math.Min(lines.BytesRead, shard.Size));
            }

            return lines.UnreadableError;
        }
    }

    // Whatever a file system or decoder throws at open or on the first read makes the file unreadable, not the run.
    private static bool IsUnreadable(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException or ZstdSharp.ZstdException;

    private static void RebaseLines(Shard shard, ShardStats stats)
    {
        if (stats.BadInputs.Count == 0)
        {
            return;
        }

        // Lines were counted from the shard's start; a byte-range shard needs the lines before it.
        var before = shard.Start == 0 ? 0 : LineCounter.CountNewlines(shard.Path, shard.Start);
        stats.BadInputs = stats.BadInputs.Select(b => b with { Line = b.Line + before + 1 }).ToList();
    }

    private void WriteDoneMarker(Shard shard, IReadOnlyList<string> outputs, ShardStats stats)
    {
        var marker = new ShardDone(shard.Name, shard.DisplayPath, shard.Start, shard.End, outputs, stats);
        AtomicFile.WriteAllBytes(layout.DoneMarker(shard), ReportJson.Serialize(marker), layout.Partial);
    }
}
