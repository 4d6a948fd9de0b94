using System.Buffers;

namespace Tiergate.Corpus.Formats;

/// <summary>
/// Splits a decompressed stream into <see cref="LineBatch"/>es of about <c>batchBytes</c>.
/// For a byte range [start, end) of an uncompressed file, a line belongs to the range its
/// first byte falls in, so adjacent ranges never share or lose a line. Read failures
/// (truncated zstd/gzip, I/O errors) end the shard with <see cref="LineBatch.ReadError"/> set
/// on the last batch instead of throwing; a stream that fails before yielding a single byte
/// ends with <see cref="UnreadableError"/> instead. A line longer than <c>maxLineBytes</c> is
/// read through and dropped as it goes (never held whole) and comes out alone in a batch with
/// <see cref="LineBatch.TooLongLineBytes"/> set, so memory stays bounded whatever the input.
/// </summary>
public sealed class LineBatchReader
{
    /// <summary>The default for <c>--max-line-bytes</c>: 64 MiB.</summary>
    public const long DefaultMaxLineBytes = 64L << 20;

    /// <summary>The largest <c>--max-line-bytes</c>: the buffer holding a line may grow to twice its length, and one array holds under 2 GiB.</summary>
    public const long MaxMaxLineBytes = 512L << 20;

    private readonly Stream _stream;
    private readonly long _end;
    private readonly int _batchBytes;
    private readonly long _maxLineBytes;
    private long _offset;
    private long _sequence;
    private long _lineIndex;
    private byte[] _buffer;
    private int _filled;
    private bool _eof;
    private string? _error;
    private bool _finished;
    private long _tooLongSeen = -1; // >= 0: the buffer's next line is too long; this many of its bytes were read and dropped

    /// <param name="stream">Decompressed input, positioned at <paramref name="start"/>.</param>
    /// <param name="start">Offset of the range's first byte; 0 for a whole file.</param>
    /// <param name="end">Offset just past the range; <see cref="long.MaxValue"/> for a whole file.</param>
    /// <param name="maxLineBytes">Longer lines (newline excluded) are skipped, not loaded.</param>
    public LineBatchReader(Stream stream, long start, long end, int batchBytes, long maxLineBytes = DefaultMaxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLineBytes, MaxMaxLineBytes);
        _stream = stream;
        _end = end;
        _batchBytes = batchBytes;
        _maxLineBytes = maxLineBytes;
        _offset = start;
        _buffer = ArrayPool<byte>.Shared.Rent(NormalBufferBytes);
        if (start > 0)
        {
            SkipPartialFirstLine();
        }
    }

    /// <summary>Total bytes consumed from the range so far (for progress).</summary>
    public long BytesRead { get; private set; }

    /// <summary>Set when the stream failed before yielding any byte (bad magic, unreadable): the file, not a line, is bad.</summary>
    public string? UnreadableError { get; private set; }

    private int NormalBufferBytes => _batchBytes + (_batchBytes / 4);

    /// <summary>Reads the next batch, or null when the range is done.</summary>
    public LineBatch? Next()
    {
        if (_finished)
        {
            return null;
        }

        if (_tooLongSeen >= 0)
        {
            return SkipTooLongLine();
        }

        while (true)
        {
            var lastNewline = _buffer.AsSpan(0, _filled).LastIndexOf((byte)'\n');
            var tail = _filled - (lastNewline + 1);
            if (tail > _maxLineBytes)
            {
                // The last line in the buffer is too long: emit the lines before it, then read it through.
                _tooLongSeen = tail;
                _filled -= tail;
                return lastNewline < 0 ? SkipTooLongLine() : Emit(lastNewline + 1, last: false);
            }

            if (_eof || (lastNewline >= 0 && _filled >= _batchBytes))
            {
                return _eof && _error is not null && BytesRead == 0 && _filled == 0 ? Unreadable() : Emit(_eof ? _filled : lastNewline + 1, last: _eof);
            }

            if (_filled == _buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                _buffer.AsSpan(0, _filled).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }

            // Never read past the point where the last line would exceed the maximum: a line that
            // ends in this read is at most the maximum long, one that does not is caught above.
            Fill((int)Math.Min(_buffer.Length - _filled, _maxLineBytes + 1 - tail));
        }
    }

    private void Fill(int count)
    {
        try
        {
            var n = _stream.Read(_buffer, _filled, count);
            if (n == 0)
            {
                _eof = true;
            }

            _filled += n;
            BytesRead += n;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or NotSupportedException or ZstdSharp.ZstdException)
        {
            _eof = true;
            _error = ex.Message;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private LineBatch? Emit(int take, bool last)
    {
        // On EOF everything left is the final line (a file need not end with a newline).
        var batch = new LineBatch(_sequence++, _buffer, take, _lineIndex, _offset);
        var span = _buffer.AsSpan(0, take);
        var pos = 0;
        var reachedEnd = false;
        while (pos < take)
        {
            if (_offset + pos >= _end)
            {
                reachedEnd = true;
                break;
            }

            var nl = span[pos..].IndexOf((byte)'\n');
            var length = nl < 0 ? take - pos : nl;
            batch.AddLine(pos, length);
            pos += length + 1;
        }

        _lineIndex += batch.LineCount;
        if (last || reachedEnd)
        {
            _finished = true;
            if (_error is not null && !reachedEnd)
            {
                batch.ReadError = _error;
                batch.LastLineIsPartial = _filled > 0 && _buffer[_filled - 1] != (byte)'\n';
            }

            _buffer = []; // the buffer now belongs to the batch
            return batch.LineCount == 0 && batch.ReadError is null ? DisposeEmpty(batch) : batch;
        }

        // Carry the bytes after the last newline into a fresh buffer; the old one now belongs to the batch.
        var rest = _filled - take;
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(NormalBufferBytes, rest * 2));
        _buffer.AsSpan(take, rest).CopyTo(next);
        _buffer = next;
        _filled = rest;
        _offset += take;
        return batch;
    }

    /// <summary>
    /// Reads the too-long line at <see cref="_offset"/> to its newline in buffer-sized chunks, keeping
    /// none of it, and returns a batch that stands for it alone.
    /// </summary>
    private LineBatch? SkipTooLongLine()
    {
        var start = _offset;
        var length = _tooLongSeen;
        _tooLongSeen = -1;
        if (start >= _end)
        {
            return Finish(); // the line begins in the next range
        }

        if (_buffer.Length > NormalBufferBytes)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(NormalBufferBytes);
        }

        var newline = false;
        while (!_eof)
        {
            // Reads of at most the maximum line, so whatever follows the newline holds no complete line that is too long.
            _filled = 0;
            Fill((int)Math.Min(_buffer.Length, _maxLineBytes + 1));
            var nl = _buffer.AsSpan(0, _filled).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                length += nl;
                _buffer.AsSpan(nl + 1, _filled - nl - 1).CopyTo(_buffer);
                _filled -= nl + 1;
                newline = true;
                break;
            }

            length += _filled;
        }

        var batch = LineBatch.TooLong(_sequence++, _lineIndex++, start, length, newline);
        _offset = start + length + (newline ? 1 : 0);
        if (!newline)
        {
            batch.ReadError = _error; // the line ran to the end of the input, or to a read failure
            Finish();
        }
        else if (_offset >= _end)
        {
            Finish();
        }

        return batch;
    }

    private LineBatch? Unreadable()
    {
        UnreadableError = _error;
        return Finish();
    }

    private LineBatch? Finish()
    {
        _finished = true;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        return null;
    }

    private static LineBatch? DisposeEmpty(LineBatch batch)
    {
        batch.Dispose();
        return null;
    }

    private void SkipPartialFirstLine()
    {
        // The line containing byte start-1 began in the previous range (or ends exactly at start-1).
        _stream.Seek(_offset - 1, SeekOrigin.Begin);
        var one = new byte[64 * 1024];
        var skipped = -1L;
        while (true)
        {
            var n = _stream.Read(one);
            if (n == 0)
            {
                _offset += skipped + 1;
                _stream.Seek(_offset, SeekOrigin.Begin);
                return;
            }

            var nl = one.AsSpan(0, n).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                skipped += nl + 1;
                _offset += skipped;
                _stream.Seek(_offset, SeekOrigin.Begin);
                return;
            }

            skipped += n;
        }
    }
}
