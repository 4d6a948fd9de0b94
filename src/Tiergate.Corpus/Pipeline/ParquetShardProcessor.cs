using System.Reflection;
using System.Text;
using Parquet;
using Parquet.Schema;
using Tiergate.Corpus.Formats;
using Tiergate.Corpus.Json;
using Tiergate.Corpus.Reporting;
using Tiergate.Corpus.Sharding;
using Tiergate.Corpus.Sidecar;
using Tiergate.Corpus.Tagging;

namespace Tiergate.Corpus.Pipeline;

/// <summary>
/// Filters one Parquet file row group by row group: the text column is tagged, then every column
/// is split into kept and removed Parquet files (zstd, same schema). Flat schemas only (no
/// repeated fields); a file it cannot read is reported as unreadable, never skipped silently.
/// Single-threaded per file; parallelism comes from running files on several ranks.
/// </summary>
internal sealed class ParquetShardProcessor(FilterJob job, OutputLayout layout)
{
    // Each row group's text column is read whole; a corrupt count must not size arrays beyond this.
    private const long MaxRowsPerGroup = 1L << 27;

    private static readonly MethodInfo CopyValueColumnMethod = typeof(ParquetShardProcessor).GetMethod(nameof(CopyValueColumnAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public async Task<ShardStats> ProcessAsync(Shard shard, CancellationToken cancellationToken)
    {
        var stats = new StatsAccumulator(job.Stages, shard.DisplayPath);
        using var router = new DocumentRouter(job.Stages, CompressionKind.Zstd, job.ZstdLevel, writeDocuments: false) { Stats = stats };
        using var sidecarOut = new ShardOutputs(layout, shard, CompressionKind.Zstd, writeDocuments: false);
        var keptPath = layout.DocumentFile(layout.Kept, shard, CompressionKind.None);
        var removedPath = layout.DocumentFile(layout.Removed, shard, CompressionKind.None);
        var keptTemp = Path.Combine(layout.Partial, "kept__" + Path.GetFileName(keptPath));
        var removedTemp = Path.Combine(layout.Partial, "removed__" + Path.GetFileName(removedPath));
        File.Delete(keptPath);
        File.Delete(removedPath);
        string? error = null;
        var rows = 0L;
        try
        {
            rows = await FilterAsync(shard, router, sidecarOut, keptTemp, removedTemp, cancellationToken);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or SidecarMismatchException))
        {
            // Whatever the Parquet library throws on hostile bytes (thrift decoding, page sizes, ...) is this file's
            // problem, reported as unreadable; a sidecar that does not fit and cancellation still stop the run.
            error = ex.Message;
            File.Delete(keptTemp);
            File.Delete(removedTemp);
        }

        var result = stats.ToStats();
        if (error is not null)
        {
            result.AddUnreadableFile(shard.DisplayPath, error);
        }

        result.BytesIn = shard.Size;
        result.BadInputs = result.BadInputs.Select(b => b with { Line = b.Line + 1 }).ToList();
        result.Files[shard.DisplayPath] = new FileStats { Documents = result.DocumentsIn, Kept = result.Kept, Removed = result.Removed, Invalid = result.Invalid, Bytes = shard.Size };
        var outputs = sidecarOut.Commit().ToList();
        if (error is null && job.WriteDocuments)
        {
            File.Move(keptTemp, keptPath, overwrite: true);
            File.Move(removedTemp, removedPath, overwrite: true);
            outputs.Add(Path.GetRelativePath(layout.Root, keptPath));
            outputs.Add(Path.GetRelativePath(layout.Root, removedPath));
        }

        var marker = new ShardDone(shard.Name, shard.DisplayPath, shard.Start, shard.End, outputs, result);
        AtomicFile.WriteAllBytes(layout.DoneMarker(shard), ReportJson.Serialize(marker), layout.Partial);
        return result;
    }

    private async Task<long> FilterAsync(Shard shard, DocumentRouter router, ShardOutputs sidecarOut, string keptTemp, string removedTemp, CancellationToken ct)
    {
        InputFileCheck.EnsureRegularFile(shard.Path);
        await using var input = File.OpenRead(shard.Path);
        ParquetFooterCheck.Check(input);
        await using var reader = await ParquetReader.CreateAsync(input, cancellationToken: ct);
        var fields = reader.Schema.GetDataFields();
        if (fields.Any(f => f.MaxRepetitionLevel > 0))
        {
            throw new NotSupportedException("Parquet files with repeated (list) columns are not supported yet");
        }

        var textField = fields.FirstOrDefault(f => string.Join('.', f.Path.ToList()) == job.TextField.Text)
            ?? throw new InvalidDataException($"no column '{job.TextField.Text}' (columns: {string.Join(", ", fields.Select(f => string.Join('.', f.Path.ToList())))})");
        if (!IsString(textField))
        {
            throw new InvalidDataException($"column '{job.TextField.Text}' is {textField.ClrType.Name}, not a string");
        }

        var idField = job.IdField is null ? null : fields.FirstOrDefault(f => string.Join('.', f.Path.ToList()) == job.IdField.Text);
        var cascade = job.Cascade?.CreateWorker();
        var replay = job.SidecarSource is null ? null : new SidecarEvidence(job.Stages);
        using var sidecarIn = job.SidecarSource is null ? null : new SidecarLineReader(new OutputLayout(job.SidecarSource).SidecarFile(shard));
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Zstd };
        await using var keptFile = job.WriteDocuments ? File.Create(keptTemp) : null;
        await using var removedFile = job.WriteDocuments ? File.Create(removedTemp) : null;
        await using var kept = keptFile is null ? null : await ParquetWriter.CreateAsync(reader.Schema, keptFile, options, cancellationToken: ct);
        await using var removed = removedFile is null ? null : await ParquetWriter.CreateAsync(reader.Schema, removedFile, options, cancellationToken: ct);
        var rowBase = 0L;
        var records = new List<byte[]>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = group.RowCount is >= 0 and <= MaxRowsPerGroup ? (int)group.RowCount : throw new InvalidDataException($"row group {g} claims {group.RowCount} rows (at most {MaxRowsPerGroup} are read)");
            var texts = new string?[count];
            await group.ReadAsync(textField, texts.AsMemory(), null, ct);
            var ids = new string?[count];
            if (idField is not null && IsString(idField))
            {
                await group.ReadAsync(idField, ids.AsMemory(), null, ct);
            }

            sidecarIn?.ReadLines(count, records);
            var isRemoved = new bool[count];
            for (var r = 0; r < count; r++)
            {
                var offset = rowBase + r;
                if (texts[r] is not { } text)
                {
                    router.Invalid(default, offset, offset, BadInputReasons.MissingTextField, "null text");
                    isRemoved[r] = false;
                    continue;
                }

                var utf8 = Encoding.UTF8.GetBytes(text);
                var idToken = ids[r] is { } id ? Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(id)) : [];
                IStageEvidence evidence;
                int removedBy;
                if (replay is not null)
                {
                    replay.Load(records[r]);
                    evidence = replay;
                    removedBy = BatchProcessor.Decide(job.Stages, replay);
                }
                else
                {
                    removedBy = cascade!.Evaluate(utf8);
                    evidence = cascade;
                }

                router.Tagged(default, offset, idToken, evidence, removedBy, utf8);
                isRemoved[r] = removedBy >= 0;
            }

            var output = router.Finish(g, 0, count);
            sidecarOut.Write(output);
            output.Return();
            if (kept is not null && removed is not null)
            {
                await SplitRowGroupAsync(group, fields, isRemoved, kept, removed, ct);
            }

            rowBase += count;
        }

        return rowBase;
    }

    private static async Task SplitRowGroupAsync(ParquetRowGroupReader group, DataField[] fields, bool[] isRemoved, ParquetWriter kept, ParquetWriter removed, CancellationToken ct)
    {
        using var keptGroup = kept.CreateRowGroup();
        using var removedGroup = removed.CreateRowGroup();
        foreach (var field in fields)
        {
            if (IsString(field))
            {
                var values = new string?[isRemoved.Length];
                await group.ReadAsync(field, values.AsMemory(), null, ct);
                await keptGroup.WriteAsync(field, Select(values, isRemoved, false)!, null);
                await removedGroup.WriteAsync(field, Select(values, isRemoved, true)!, null);
            }
            else if (field.ClrType == typeof(byte[]) || field.ClrType == typeof(ReadOnlyMemory<byte>))
            {
                var values = new byte[]?[isRemoved.Length];
                await group.ReadAsync(field, values.AsMemory(), null, ct);
                await keptGroup.WriteAsync(field, Select(values, isRemoved, false)!, null);
                await removedGroup.WriteAsync(field, Select(values, isRemoved, true)!, null);
            }
            else
            {
                var task = (Task)CopyValueColumnMethod.MakeGenericMethod(field.ClrType).Invoke(null, [group, field, isRemoved, keptGroup, removedGroup, ct])!;
                await task;
            }
        }

        keptGroup.CompleteValidate();
        removedGroup.CompleteValidate();
    }

    private static async Task CopyValueColumnAsync<T>(ParquetRowGroupReader group, DataField field, bool[] isRemoved, ParquetRowGroupWriter kept, ParquetRowGroupWriter removed, CancellationToken ct)
        where T : struct
    {
        if (field.IsNullable)
        {
            var values = new T?[isRemoved.Length];
            await group.ReadAsync(field, values.AsMemory(), null, ct);
            await kept.WriteAsync<T>(field, Select(values, isRemoved, false), null, null, ct);
            await removed.WriteAsync<T>(field, Select(values, isRemoved, true), null, null, ct);
        }
        else
        {
            var values = new T[isRemoved.Length];
            await group.ReadAsync(field, values.AsMemory(), null, ct);
            await kept.WriteAsync(field, (ReadOnlyMemory<T>)Select(values, isRemoved, false), null, null, ct);
            await removed.WriteAsync(field, (ReadOnlyMemory<T>)Select(values, isRemoved, true), null, null, ct);
        }
    }

    private static bool IsString(DataField field) => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>);

    private static TValue[] Select<TValue>(TValue[] values, bool[] isRemoved, bool removed)
    {
        var result = new List<TValue>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (isRemoved[i] == removed)
            {
                result.Add(values[i]);
            }
        }

        return [.. result];
    }
}
