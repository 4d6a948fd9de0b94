using System.Buffers;

namespace Tiergate.Corpus.Formats;

/// <summary>
/// A run of whole lines from one shard, in a pooled buffer. Batch boundaries depend only on the
/// input bytes and the batch size, so re-running a shard produces the same batches (which is
/// what makes per-batch compression frames, and therefore outputs, byte-identical on resume).
/// </summary>
public sealed class LineBatch : IDisposable
{
    private int[] _starts;
    private int[] _lengths;

    internal LineBatch(long sequence, byte[] buffer, int length, long firstLine, long startOffset)
    {
        Sequence = sequence;
        Buffer = buffer;
        Length = length;
        FirstLine = firstLine;
        StartOffset = startOffset;
        _starts = ArrayPool<int>.Shared.Rent(1024);
        _lengths = ArrayPool<int>.Shared.Rent(1024);
    }

    /// <summary>
    /// A batch that stands for one line longer than the maximum, which was read through and not
    /// kept: no bytes, one empty line at <paramref name="start"/>, <see cref="TooLongLineBytes"/> set.
    /// </summary>
    internal static LineBatch TooLong(long sequence, long lineIndex, long start, long length, bool endsWithNewline)
    {
        var batch = new LineBatch(sequence, [], 0, lineIndex, start) { TooLongLineBytes = length, SkippedBytes = length + (endsWithNewline ? 1 : 0) };
        batch.AddLine(0, 0);
        return batch;
    }

    /// <summary>Position of this batch in its shard, from 0.</summary>
    public long Sequence { get; }

    internal byte[] Buffer { get; }

    /// <summary>Bytes of input in the batch, newlines included.</summary>
    public int Length { get; }

    /// <summary>The length of the batch's one line when it was too long to load (see <see cref="TooLong"/>); 0 otherwise.</summary>
    public long TooLongLineBytes { get; private init; }

    /// <summary>Bytes of input the batch covers: <see cref="Length"/>, or the skipped line with its newline.</summary>
    public long InputBytes => Length + SkippedBytes;

    private long SkippedBytes { get; init; }

    /// <summary>Index (0-based, relative to the shard's first line) of the batch's first line.</summary>
    public long FirstLine { get; }

    /// <summary>Offset of the batch's first byte in the decompressed input file.</summary>
    public long StartOffset { get; }

    public int LineCount { get; private set; }

    /// <summary>Set on the last batch when the input could not be read to its end (truncated or corrupt).</summary>
    public string? ReadError { get; internal set; }

    /// <summary>True when the last line was cut by <see cref="ReadError"/>.</summary>
    public bool LastLineIsPartial { get; internal set; }

    /// <summary>The line's bytes without its newline.</summary>
    public ReadOnlySpan<byte> Line(int index) => Buffer.AsSpan(_starts[index], _lengths[index]);

    /// <summary>Offset of the line's first byte in the decompressed input.</summary>
    public long LineOffset(int index) => StartOffset + _starts[index];

    internal void AddLine(int start, int length)
    {
        if (LineCount == _starts.Length)
        {
            Grow(ref _starts);
            Grow(ref _lengths);
        }

        _starts[LineCount] = start;
        _lengths[LineCount] = length;
        LineCount++;
    }

    public void Dispose()
    {
        if (Buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
        }

        ArrayPool<int>.Shared.Return(_starts);
        ArrayPool<int>.Shared.Return(_lengths);
        _starts = [];
        _lengths = [];
    }

    private static void Grow(ref int[] array)
    {
        var bigger = ArrayPool<int>.Shared.Rent(array.Length * 2);
        array.AsSpan().CopyTo(bigger);
        ArrayPool<int>.Shared.Return(array);
        array = bigger;
    }
}
