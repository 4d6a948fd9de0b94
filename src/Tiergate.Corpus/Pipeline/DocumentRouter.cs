using System.Text.Json;
using Tiergate.Corpus.Formats;
using Tiergate.Corpus.Reporting;
using Tiergate.Corpus.Sidecar;
using Tiergate.Corpus.Tagging;

namespace Tiergate.Corpus.Pipeline;

/// <summary>
/// Per-worker: sends each line to the kept, removed or invalid buffer, writes its sidecar record
/// and counts it. Buffers are reused across batches; <see cref="Finish"/> turns them into
/// compressed frames for the ordered writer.
/// </summary>
internal sealed class DocumentRouter : IDisposable
{
    private readonly IReadOnlyList<StageTable> _stages;
    private readonly GrowableBuffer _kept = new(1 << 22);
    private readonly GrowableBuffer _removed = new(1 << 16);
    private readonly GrowableBuffer _invalid = new(1 << 12);
    private readonly GrowableBuffer _sidecar = new(1 << 20);
    private readonly Utf8JsonWriter _json;
    private readonly FrameEncoder _outputEncoder;
    private readonly FrameEncoder _sidecarEncoder;

    private readonly bool _writeDocuments;

    public DocumentRouter(IReadOnlyList<StageTable> stages, CompressionKind outputCompression, int zstdLevel, bool writeDocuments = true)
    {
        _stages = stages;
        _writeDocuments = writeDocuments;
        _json = new Utf8JsonWriter(_sidecar, new JsonWriterOptions { SkipValidation = true });
        _outputEncoder = new FrameEncoder(outputCompression, zstdLevel);
        _sidecarEncoder = new FrameEncoder(CompressionKind.Zstd, zstdLevel);
    }

    public StatsAccumulator? Stats { get; set; }

    public void Invalid(ReadOnlySpan<byte> line, long offset, long lineIndex, string reason, string? detail)
    {
        if (_writeDocuments)
        {
            _invalid.Append(line);
            _invalid.Append((byte)'\n');
        }

        Skipped(offset, lineIndex, reason, detail);
    }

    /// <summary>Counts an invalid line and writes its sidecar record, without its bytes (a line too long to load).</summary>
    public void Skipped(long offset, long lineIndex, string reason, string? detail)
    {
        Stats!.AddInvalid(reason, offset, lineIndex, detail);
        _json.Reset(_sidecar);
        _json.WriteStartObject();
        _json.WriteNumber(SidecarFields.Offset, offset);
        _json.WriteString(SidecarFields.Verdict, SidecarFields.Invalid);
        _json.WriteString(SidecarFields.Reason, reason);
        _json.WriteEndObject();
        _json.Flush();
        _sidecar.Append((byte)'\n');
    }

    // Per document: optimised at once (docs/filtering.md, "No tiering penalty").
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Tagged(ReadOnlySpan<byte> line, long offset, ReadOnlySpan<byte> idToken, IStageEvidence evidence, int removedBy, ReadOnlySpan<byte> text)
    {
        if (_writeDocuments)
        {
            var target = removedBy < 0 ? _kept : _removed;
            target.Append(line);
            target.Append((byte)'\n');
        }

        var category = Stats!.AddTagged(evidence, removedBy, offset, idToken, text);
        _json.Reset(_sidecar);
        _json.WriteStartObject();
        _json.WriteNumber(SidecarFields.Offset, offset);
        if (!idToken.IsEmpty)
        {
            _json.WritePropertyName(SidecarFields.Id);
            _json.WriteRawValue(idToken, skipInputValidation: true);
        }

        _json.WriteString(SidecarFields.Verdict, removedBy < 0 ? SidecarFields.Kept : SidecarFields.Removed);
        if (removedBy >= 0)
        {
            _json.WriteString(SidecarFields.RemovedBy, _stages[removedBy].EncodedName);
            _json.WriteString(SidecarFields.Category, category);
        }

        WriteEvidence(evidence);
        _json.WriteEndObject();
        _json.Flush();
        _sidecar.Append((byte)'\n');
    }

    // Per document: optimised at once (docs/filtering.md, "No tiering penalty").
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void WriteEvidence(IStageEvidence evidence)
    {
        var open = false;
        for (var s = 0; s < _stages.Count; s++)
        {
            var hits = evidence.Hits(s);
            var score = evidence.Score(s);
            if (hits.IsEmpty && score is null)
            {
                continue;
            }

            if (!open)
            {
                _json.WriteStartObject(SidecarFields.Stages);
                open = true;
            }

            var stage = _stages[s];
            _json.WriteStartObject(stage.EncodedName);
            _json.WriteStartArray(SidecarFields.Terms);
            foreach (var id in hits)
            {
                _json.WriteStringValue(stage.EncodedTerms[id]);
            }

            _json.WriteEndArray();
            if (score is { } p)
            {
                _json.WriteNumber(SidecarFields.Score, Math.Round(p, 6));
            }

            _json.WriteEndObject();
        }

        if (open)
        {
            _json.WriteEndObject();
        }
    }

    /// <summary>Compresses the batch's buffers into frames and clears them for the next batch.</summary>
    public BatchOutput Finish(long sequence, long bytesIn, int lines)
    {
        var output = new BatchOutput(
            sequence,
            _outputEncoder.Encode(_kept.WrittenSpan),
            _outputEncoder.Encode(_removed.WrittenSpan),
            _outputEncoder.Encode(_invalid.WrittenSpan),
            _sidecarEncoder.Encode(_sidecar.WrittenSpan),
            bytesIn,
            lines);
        _kept.ClearAndShrink();
        _removed.ClearAndShrink();
        _invalid.ClearAndShrink();
        _sidecar.ClearAndShrink();
        return output;
    }

    public void Dispose()
    {
        _json.Dispose();
        _outputEncoder.Dispose();
        _sidecarEncoder.Dispose();
    }
}
