using Tiergate.Corpus.Formats;
using Tiergate.Corpus.Json;
using Tiergate.Corpus.Reporting;
using Tiergate.Corpus.Tagging;

namespace Tiergate.Corpus.Pipeline;

/// <summary>Tags (or replays) every line of one batch on a worker thread and encodes the outputs.</summary>
internal static class BatchProcessor
{
    // Hot loop: compiled fully optimised at once (tiered PGO instrumentation and OSR cost ~2x for the first seconds).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static BatchOutput Process(WorkItem item, WorkerState worker, IReadOnlyList<StageTable> stages)
    {
        var batch = item.Batch;
        var router = worker.Router;
        if (batch.TooLongLineBytes > 0)
        {
            return TooLong(batch, router);
        }

        for (var i = 0; i < batch.LineCount; i++)
        {
            var line = batch.Line(i);
            var offset = batch.LineOffset(i);
            var lineIndex = batch.FirstLine + i;
            if (i == batch.LineCount - 1 && batch.LastLineIsPartial)
            {
                router.Invalid(line, offset, lineIndex, BadInputReasons.TruncatedInput, batch.ReadError);
                continue;
            }

            var parseable = line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
            var status = worker.Extractor.Extract(parseable, out var text);
            if (status != ExtractStatus.Ok)
            {
                var detail = status == ExtractStatus.MalformedJson ? $"at byte {worker.Extractor.ErrorPosition}" : null;
                router.Invalid(line, offset, lineIndex, BadInputReasons.For(status), detail);
                continue;
            }

            var id = worker.Extractor.IdToken;
            var idToken = id.Length == 0 ? default : parseable.Slice(id.Start, id.Length);
            IStageEvidence evidence;
            int removedBy;
            if (worker.Replay is { } replay)
            {
                replay.Load(item.Sidecar![i]);
                if (replay.Offset != offset)
                {
                    throw new Sidecar.SidecarMismatchException($"sidecar record {lineIndex} is for offset {replay.Offset}, the input line is at {offset}");
                }

                evidence = replay;
                removedBy = Decide(stages, replay);
            }
            else
            {
                evidence = worker.Cascade!;
                removedBy = worker.Cascade!.Evaluate(text);
            }

            router.Tagged(line, offset, idToken, evidence, removedBy, text);
        }

        if (batch.ReadError is not null && !batch.LastLineIsPartial)
        {
            router.Stats!.AddReadError(batch.StartOffset + batch.Length, batch.FirstLine + batch.LineCount, batch.ReadError);
        }

        return router.Finish(batch.Sequence, batch.Length, batch.LineCount);
    }

    /// <summary>The one line of the batch was too long to load: it is reported and skipped (nothing of it is written).</summary>
    private static BatchOutput TooLong(LineBatch batch, DocumentRouter router)
    {
        router.Skipped(batch.LineOffset(0), batch.FirstLine, BadInputReasons.LineTooLong, $"{batch.TooLongLineBytes} bytes, over the maximum line length (--max-line-bytes); skipped");
        if (batch.ReadError is not null)
        {
            router.Stats!.AddReadError(batch.StartOffset + batch.InputBytes, batch.FirstLine + 1, batch.ReadError);
        }

        return router.Finish(batch.Sequence, batch.InputBytes, batch.LineCount);
    }

    /// <summary>The first stage whose rule removes the document given recorded evidence, or -1.</summary>
    public static int Decide(IReadOnlyList<StageTable> stages, IStageEvidence evidence)
    {
        for (var s = 0; s < stages.Count; s++)
        {
            if (stages[s].Rule.Removes(evidence.Hits(s).Length, evidence.Score(s)))
            {
                return s;
            }
        }

        return -1;
    }
}
